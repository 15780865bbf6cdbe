package dev.baton.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds Baton's features: {@code META-INF/services/dev.baton.core.Feature} in the agent (under {@code inst/}, read
 * by the hidden loader). The file's order is the start order and the order of hooks that share a method (first
 * outermost). A new feature adds one line there; nothing in {@code core} changes.
 *
 * <p>The file is the one {@link java.util.ServiceLoader} reads, read here directly: ServiceLoader's own machinery
 * costs several milliseconds at the premain of every JVM, for a list that lives in the same jar.
 */
public final class Features {
    static final String SERVICES = "META-INF/services/" + Feature.class.getName();

    private Features() {
    }

    public static List<Feature> all() {
        ClassLoader loader = Feature.class.getClassLoader();
        List<Feature> features = new ArrayList<>();
        InputStream in = loader.getResourceAsStream(SERVICES);
        if (in == null) {
            throw new IllegalStateException("no " + SERVICES + " in the agent");
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!name.isEmpty()) {
                    features.add(instantiate(loader, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return features;
    }

    private static Feature instantiate(ClassLoader loader, String name) {
        try {
            return Class.forName(name, true, loader).asSubclass(Feature.class).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("feature " + name + " in " + SERVICES + " cannot be created", e);
        }
    }
}
