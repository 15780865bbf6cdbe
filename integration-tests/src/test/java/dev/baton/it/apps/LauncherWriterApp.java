package dev.baton.it.apps;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A method that writes a launcher script, makes it executable and returns the file it wrote, as tool installers do.
 * Prints what the caller got back ({@code returned NAME exists=BOOL}) and the target's permissions afterwards.
 *
 * <p>Usage: LauncherWriterApp TARGET [plain] ({@code plain}: write the file without touching its permissions)
 */
public final class LauncherWriterApp {
    private LauncherWriterApp() {
    }

    /** What a rule names: {@code dev.baton.it.apps.LauncherWriterApp$Writer#writeLauncher}. */
    public static final class Writer {
        public File writeLauncher(File file) throws IOException {
            Files.writeString(file.toPath(), "#!/bin/sh\necho tool\n");
            if (!file.setExecutable(true, true)) {
                throw new IOException("cannot make " + file + " executable");
            }
            return file;
        }

        public File writePlain(File file) throws IOException {
            Files.writeString(file.toPath(), "plain bytes");
            return file;
        }
    }

    public static void main(String[] args) {
        try {
            Writer writer = new Writer();
            File target = new File(args[0]);
            File written = args.length > 1 ? writer.writePlain(target) : writer.writeLauncher(target);
            System.out.println("returned " + written.getName() + " exists=" + written.exists());
            System.out.println("permissions " + PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(new File(args[0]).toPath())));
        } catch (Exception e) {
            System.out.println("failed " + e);
        }
    }
}
