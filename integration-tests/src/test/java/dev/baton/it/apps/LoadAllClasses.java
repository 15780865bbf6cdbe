package dev.baton.it.apps;

import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads (without initialising) every class of the jars named as arguments, which must be on the class path: a
 * start-up shaped like a real tool's, for measuring what Baton adds per loaded class. Prints "loaded N".
 */
public final class LoadAllClasses {
    private LoadAllClasses() {
    }

    public static void main(String[] args) throws IOException {
        int loaded = 0;
        ClassLoader loader = LoadAllClasses.class.getClassLoader();
        for (String jar : args) {
            try (JarFile file = new JarFile(jar)) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.contains("module-info")) {
                        try {
                            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                            loaded++;
                        } catch (ClassNotFoundException | LinkageError skipped) {
                            // Optional dependencies of the library are absent: not our concern here.
                        }
                    }
                }
            }
        }
        System.out.println("loaded " + loaded);
    }
}
