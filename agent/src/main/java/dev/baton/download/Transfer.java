package dev.baton.download;

import java.nio.file.Path;

/** One application call that writes a download to a file, as the coordinator drives it. */
interface Transfer {
    /** Runs the application's call redirected into {@code temp}; returns the bytes written. */
    long into(Path temp) throws Throwable;

    /**
     * Writes the complete {@code temp} to the application's own target the way its call writes that target, with
     * the exceptions that call throws for it: how a transfer is published when the atomic rename cannot do it (a
     * directory in the target's place, a file system without rename). Returns the bytes written.
     */
    long deliver(Path temp) throws Throwable;

    /** Runs the application's call unchanged on its own target (Baton has nothing to add). */
    Object original() throws Throwable;

    /** Whether the call creates its file itself, exclusively ({@code Files.copy}); else Baton creates the temp. */
    boolean createsItsFile();

    /** Whether the call writes through an existing target (keeps its permissions, follows its link). */
    boolean writesInPlace();
}
