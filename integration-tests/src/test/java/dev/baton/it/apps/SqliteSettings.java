package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Prints the settings a fresh connection ends up with: {@code busy_timeout=N journal_mode=X synchronous=N}. */
public final class SqliteSettings {
    private SqliteSettings() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0])) {
            System.out.println("busy_timeout=" + pragma(connection, "busy_timeout") + " journal_mode="
                    + pragma(connection, "journal_mode") + " synchronous=" + pragma(connection, "synchronous"));
        }
    }

    private static String pragma(Connection connection, String name) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
