package dev.baton.it.apps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Never run: ScanTest scans this class to check how process starts are tagged. */
public final class ProcessStarts {
    private ProcessStarts() {
    }

    static Process npmInstall(Path prefix, String pkg) throws IOException {
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", prefix.toString()));
        command.add(pkg);
        return new ProcessBuilder(command).start();
    }

    static Process gitClone(String url) throws IOException {
        return new ProcessBuilder("git", "clone", url).start();
    }

    static Process whateverTheCallerSays(List<String> command) throws IOException {
        return new ProcessBuilder(command).start();
    }

    static Process throughAShell(String pkg) throws IOException {
        return new ProcessBuilder("sh", "-c", "npm install " + pkg).start();
    }

    static Process pipThroughRuntimeExec() throws IOException {
        return Runtime.getRuntime().exec(new String[] {"python3", "-m", "pip", "install", "requests"});
    }
}
