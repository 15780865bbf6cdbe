package dev.baton.samples.rules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A legacy plugin manager with its own install method: check whether the plugin is there, and if not, unpack it
 * (slowly, file by file) and write a marker. Eight workers starting at once all unpack into the same directory.
 * Every unpack appends a line to {@code installs.log}, so a run shows how many times the work was done.
 * Knows nothing of Baton.
 *
 * <p>Usage: PluginTool PLUGINS-DIR PLUGIN-NAME [REPOSITORY-URL] (the archive is fetched from REPOSITORY-URL/NAME.tgz)
 */
public final class PluginTool {
    private static final int FILES_PER_PLUGIN = 40;

    private final Path directory;
    private final String repository;

    public PluginTool(Path directory, String repository) {
        this.directory = directory;
        this.repository = repository;
    }

    public Path getDirectory() {
        return directory;
    }

    public static void main(String[] args) throws IOException {
        PluginTool tool = new PluginTool(Path.of(args[0]), args.length > 2 ? args[2] : null);
        tool.install(args[1]);
        System.out.println("plugin " + args[1] + " ready");
    }

    /** Installs the plugin unless its marker says it is already there. */
    public void install(String plugin) throws IOException {
        Path home = directory.resolve(plugin);
        if (Files.exists(home.resolve("installed.marker"))) {
            return;
        }
        Files.createDirectories(home);
        if (repository != null) {
            try (InputStream archive = URI.create(repository + "/" + plugin + ".tgz").toURL().openStream()) {
                Files.write(home.resolve("archive.tgz"), archive.readAllBytes());
            }
        }
        for (int i = 0; i < FILES_PER_PLUGIN; i++) {
            // Each file costs a little, like unpacking a real archive; the install takes a noticeable while.
            Files.writeString(home.resolve("part-" + i + ".txt"), ("part " + i + "\n").repeat(2000));
            Files.readString(home.resolve("part-" + i + ".txt"));
        }
        Files.writeString(directory.resolve("installs.log"), plugin + " by " + pid() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(home.resolve("installed.marker"), "ok\n");
    }

    private static String pid() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
