package dev.baton.download;

import java.nio.file.Path;

/** Runs the application's original download, redirected into {@code temp}; returns the bytes written. */
@FunctionalInterface
interface Transfer {
    long into(Path temp) throws Throwable;
}
