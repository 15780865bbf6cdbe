package dev.baton.samples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Eight LegacyInstallers run npm install of two local packages each into one shared prefix. */
final class InstallScenario implements Scenario {
    private static final int PROCESSES = 8;

    @Override
    public String name() {
        return "installs (8 x npm install into one prefix)";
    }

    @Override
    public String unavailable() {
        try {
            return new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0 ? null
                    : "npm does not run";
        } catch (IOException | InterruptedException e) {
            return "npm not installed";
        }
    }

    @Override
    public String run(Launcher launcher, Path work, boolean withBaton) throws Exception {
        Path packages = Files.createDirectories(work.resolve("packages"));
        List<Path> tarballs = new ArrayList<>();
        for (int i = 1; i <= 2 * PROCESSES; i++) {
            tarballs.add(pack(packages, i));
        }
        Path prefix = Files.createDirectories(work.resolve("prefix"));
        Files.writeString(prefix.resolve("package.json"), "{\"name\":\"shared\",\"version\":\"1.0.0\"}\n");
        List<Launcher.Child> children = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            children.add(launcher.start(work, withBaton, Map.of(), "dev.baton.samples.install.LegacyInstaller",
                    prefix, tarballs.get(2 * i), tarballs.get(2 * i + 1)));
        }
        int failures = 0;
        for (Launcher.Child child : children) {
            failures += child.awaitExit() == 0 ? 0 : 1;
        }
        return installed(prefix) + "/16 in node_modules, " + declared(prefix) + "/16 in package.json, " + failures
                + " failed";
    }

    private static Path pack(Path dir, int i) throws IOException, InterruptedException {
        Path source = Files.createDirectories(dir.resolve("src-" + i));
        Files.writeString(source.resolve("package.json"),
                "{\"name\":\"demo-pkg-" + i + "\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
        Files.writeString(source.resolve("index.js"), "module.exports = " + i + ";\n");
        Process pack = new ProcessBuilder("npm", "pack", "--silent", "--pack-destination", dir.toString())
                .directory(source.toFile()).redirectErrorStream(true).start();
        pack.getInputStream().readAllBytes();
        if (pack.waitFor() != 0) {
            throw new IOException("npm pack failed for package " + i);
        }
        return dir.resolve("demo-pkg-" + i + "-1.0.0.tgz");
    }

    private static long installed(Path prefix) throws IOException {
        Path modules = prefix.resolve("node_modules");
        if (!Files.isDirectory(modules)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(modules)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("package.json"))).count();
        }
    }

    private static long declared(Path prefix) throws IOException {
        Matcher m = Pattern.compile("\"demo-pkg-\\d+\"\\s*:").matcher(Files.readString(prefix.resolve("package.json")));
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
