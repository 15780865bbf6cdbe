package dev.baton.recipes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        Properties file = new Properties();
        try (Reader reader = reader(DIRECTORY + name + ".properties")) {
            file.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            properties.put(key, file.getProperty(key).strip());
        }
        for (String required : Recipe.DESCRIPTION) {
            if (!properties.containsKey(required)) {
                throw new IllegalStateException("recipe " + name + " has no '" + required + "'");
            }
        }
        return new Recipe(name, properties.get("tool"), properties.get("versions"), properties.get("bug"),
                properties.get("locks"), properties.get("why"), properties);
    }

    private static Reader reader(String resource) throws IOException {
        InputStream in = Recipes.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource " + resource + " in the agent");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
