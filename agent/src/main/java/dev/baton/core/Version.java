package dev.baton.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Baton's version, from a resource filtered at build time. */
public final class Version {
    private Version() {
    }

    public static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unknown version is only cosmetic.
        }
        return p.getProperty("version", "unknown");
    }
}
