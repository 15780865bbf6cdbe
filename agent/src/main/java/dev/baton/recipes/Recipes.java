package dev.baton.recipes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The recipes shipped in the agent: {@code dev/baton/recipes/index} names them, one per line, and each is
 * {@code dev/baton/recipes/NAME.properties}. Adding a recipe is adding a file and a line; no code changes.
 */
public final class Recipes {
    static final String DIRECTORY = "dev/baton/recipes/";

    private Recipes() {
    }

    /** Every shipped recipe, in index order. A recipe file that is missing or lacks its description is a bug. */
    public static List<Recipe> shipped() {
        List<Recipe> recipes = new ArrayList<>();
        for (String name : index()) {
            recipes.add(load(name));
        }
        return recipes;
    }

    private static List<String> index() {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(reader(DIRECTORY + "index"))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static Recipe load(String name) {
        String text = text(name);
        Map<String, String> file = plainLines(text);
        if (file == null) {
            file = asProperties(text);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : new TreeSet<>(file.keySet())) {
            properties.put(key, file.get(key).strip());
        }
        for (String required : Recipe.DESCRIPTION) {
            if (!properties.containsKey(required)) {
                throw new IllegalStateException("recipe " + name + " has no '" + required + "'");
            }
        }
        return new Recipe(name, properties.get("tool"), properties.get("versions"), properties.get("bug"),
                properties.get("locks"), properties.get("why"), properties);
    }

    /** The file of recipe {@code name}. */
    static String text(String name) {
        try (InputStream in = stream(DIRECTORY + name + ".properties")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The keys and values of a recipe written as plain {@code key=value} lines and {@code #} comments, as every shipped
     * recipe is; null when the text uses anything else of the properties format (escapes, continuations, other
     * separators), which {@link #asProperties} then reads. Every JVM reads the recipes at premain: java.util.Properties
     * reads them a character at a time in the interpreter, and its loop then gets compiled, for text this simple.
     * RecipesTest checks that both readings agree on every shipped recipe.
     */
    static Map<String, String> plainLines(String text) {
        if (text.indexOf('\\') >= 0) {
            return null;
        }
        Map<String, String> entries = new HashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals).strip();
            if (equals <= 0 || !plainKey(key)) {
                return null;
            }
            entries.put(key, line.substring(equals + 1).strip());
        }
        return entries;
    }

    private static boolean plainKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ':' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return !key.isEmpty();
    }

    /** The recipe read by java.util.Properties: any file the plain reading does not cover. */
    static Map<String, String> asProperties(String text) {
        Properties file = new Properties();
        try {
            file.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> entries = new HashMap<>();
        for (String key : file.stringPropertyNames()) {
            entries.put(key, file.getProperty(key));
        }
        return entries;
    }

    private static Reader reader(String resource) throws IOException {
        return new InputStreamReader(stream(resource), StandardCharsets.UTF_8);
    }

    private static InputStream stream(String resource) throws IOException {
        InputStream in = Recipes.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource " + resource + " in the agent");
        }
        return in;
    }
}
