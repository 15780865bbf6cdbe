package dev.baton.install;

import java.nio.file.Path;

/**
 * A package-manager process that mutates a directory: which tool, what it does, and the directory it changes
 * (the lock key).
 *
 * @param tool e.g. "npm"
 * @param action e.g. "install" (empty for configured commands, which always lock)
 * @param directory the canonical directory the process changes, or a pseudo path for global installs
 */
record InstallCommand(String tool, String action, Path directory) {
    String describe() {
        return action.isEmpty() ? tool : tool + " " + action;
    }
}
