package dev.baton.samples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The README's demo: every sample in several processes, first without Baton, then with it, and a before/after
 * table. Every with-Baton process records JFR; {@code java -jar baton-agent.jar report} summarises all the
 * recordings together, as text and as HTML.
 *
 * <p>Usage: Demo AGENT-JAR OUTPUT-DIR [JFC]
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args[0].equals("--help")) {
            System.out.println("usage: Demo AGENT-JAR OUTPUT-DIR [JFC]");
            return;
        }
        Path agent = Path.of(args[0]).toAbsolutePath();
        Path out = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        Path jfc = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : null;
        Path recordings = Files.createDirectories(out.resolve("recordings"));
        Launcher launcher = new Launcher(agent, jfc, recordings);

        List<Scenario> scenarios = List.of(new DownloadScenario(), new InstallScenario(), new SqliteScenario(),
                new PluginScenario());
        List<String[]> rows = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            String why = scenario.unavailable();
            if (why != null) {
                rows.add(new String[] {scenario.name(), "skipped: " + why, ""});
                continue;
            }
            System.out.println("running " + scenario.name() + " ...");
            launcher.scenario(scenario.name().split(" ")[0]);
            String without = scenario.run(launcher, Files.createTempDirectory(out, "without-"), false);
            String with = scenario.run(launcher, Files.createTempDirectory(out, "with-"), true);
            rows.add(new String[] {scenario.name(), without, with});
        }
        printTable(rows);
        System.out.println();
        System.out.println("recordings: " + recordings);
        report(agent, recordings, out.resolve("baton-demo.html"));
    }

    private static void printTable(List<String[]> rows) {
        int[] width = {8, 14, 10};
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        String format = "%-" + width[0] + "s | %-" + width[1] + "s | %s%n";
        System.out.println();
        System.out.printf(format, "sample", "without Baton", "with Baton (each process also records JFR)");
        System.out.println("-".repeat(width[0]) + "-+-" + "-".repeat(width[1]) + "-+-" + "-".repeat(width[2]));
        for (String[] row : rows) {
            System.out.printf(format, (Object[]) row);
        }
    }

    private static void report(Path agent, Path recordings, Path html) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", agent.toString(), "report"));
        try (Stream<Path> files = Files.list(recordings)) {
            files.filter(f -> f.toString().endsWith(".jfr")).sorted().forEach(f -> command.add(f.toString()));
        }
        command.add("--html");
        command.add(html.toString());
        Process report = new ProcessBuilder(command).inheritIO().start();
        if (report.waitFor() == 0) {
            System.out.println("HTML report: " + html);
        }
    }
}
