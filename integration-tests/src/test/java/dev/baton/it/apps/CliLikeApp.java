package dev.baton.it.apps;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short-lived command-line tool, as a build runs hundreds of times a day (a wrapper's {@code --version}, a
 * formatter, a code generator): reads its settings file, checks its cache directory, prints one version line and
 * exits. Run from a jar, as such tools are. The startup benchmark's stand-in for "every java a build starts".
 *
 * <p>Usage: CliLikeApp SETTINGS.properties
 */
public final class CliLikeApp {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private CliLikeApp() {
    }

    public static void main(String[] args) throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            settings.load(reader);
        }
        Matcher version = VERSION.matcher(settings.getProperty("version", "0.0.0"));
        Path cache = Path.of(settings.getProperty("cache", System.getProperty("java.io.tmpdir")));
        String state = Files.isDirectory(cache) ? "ready" : "empty";
        System.out.println(String.format(Locale.ROOT, "%s %s (Java %s, %s), cache %s %s",
                settings.getProperty("name", "tool"), version.matches() ? version.group() : "?",
                System.getProperty("java.version"), System.getProperty("os.arch"), cache, state));
    }
}
