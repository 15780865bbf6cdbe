package dev.baton.it.apps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads and uses the classes Baton's presets rewrite (Files.copy from a stream, ProcessBuilder.start, HttpClient,
 * commons-io, sqlite-jdbc's driver classes), without doing anything Baton would coordinate.
 */
public final class HookedClassesApp {
    private HookedClassesApp() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Files.createTempFile("hooked-classes", ".bin");
        Files.copy(new ByteArrayInputStream(new byte[] {1, 2, 3}), target, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(target);
        new ProcessBuilder("true").start().waitFor();
        HttpClient.newHttpClient();
        // The first call of a download hook (refused: nothing listens on port 1, nothing is downloaded): Baton's
        // download feature starts then, and rewrites Files, which it leaves alone until then.
        try {
            new URL("http://127.0.0.1:1/").openConnection().getInputStream();
        } catch (IOException refused) {
            // expected
        }
        ClassLoader loader = HookedClassesApp.class.getClassLoader();
        for (String name : new String[] {"org.apache.commons.io.FileUtils", "org.sqlite.JDBC", "org.sqlite.core.DB",
                "org.sqlite.core.NativeDB", "org.sqlite.jdbc3.JDBC3Statement", "org.sqlite.jdbc3.JDBC3ResultSet"}) {
            Class.forName(name, false, loader); // Loaded, not initialised: no native library is extracted.
        }
        System.out.println("main ran");
    }
}
