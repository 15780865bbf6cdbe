package dev.baton.samples.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Four CounterWorkload processes (4 threads each) write one SQLite file with the driver's default settings. */
final class SqliteScenario implements Scenario {
    private static final int PROCESSES = 4;
    private static final Pattern FAILURES = Pattern.compile("failures=(\\d+)");

    @Override
    public String name() {
        return "sqlite (4 processes x 4 threads, one file)";
    }

    @Override
    public String run(Launcher launcher, Path work, boolean withBaton) throws Exception {
        Path db = Files.createDirectories(work).resolve("shared.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, kind TEXT NOT NULL)");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO counter (id, value) VALUES (1, 0)");
        }
        List<Launcher.Child> children = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            children.add(launcher.start(work, withBaton, Map.of(), "dev.baton.samples.sqlite.CounterWorkload",
                    db, "p" + i, 4, 200));
        }
        long failures = 0;
        for (Launcher.Child child : children) {
            child.awaitExit();
            Matcher m = FAILURES.matcher(child.output());
            failures += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement();
                ResultSet integrity = statement.executeQuery("PRAGMA integrity_check")) {
            integrity.next();
            return failures + " failed operations (SQLITE_BUSY), integrity " + integrity.getString(1);
        }
    }
}
