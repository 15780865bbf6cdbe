package dev.baton.it.apps;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A method that writes the file it is given, declared with a subclass of File (as some tools wrap their paths).
 * Prints {@code wrote N bytes} or the exception the call ended with.
 *
 * <p>Usage: FileSubclassApp TARGET
 */
public final class FileSubclassApp {
    private FileSubclassApp() {
    }

    /** A tool's own kind of file. */
    public static final class ToolFile extends File {
        private static final long serialVersionUID = 1L;

        public ToolFile(String path) {
            super(path);
        }
    }

    /** What a rule names: {@code dev.baton.it.apps.FileSubclassApp$Writer#write}. */
    public static final class Writer {
        public void write(ToolFile file) throws IOException {
            Files.writeString(file.toPath(), "tool bytes");
        }
    }

    public static void main(String[] args) {
        try {
            new Writer().write(new ToolFile(args[0]));
            System.out.println("wrote " + new File(args[0]).length() + " bytes");
        } catch (Exception e) {
            System.out.println("failed " + e);
        }
    }
}
