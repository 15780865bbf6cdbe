package dev.baton.download;

import java.nio.file.Path;

/** One application call that writes a download to a file, as the coordinator drives it. */
abstract class Transfer {
    /** How the application's call writes its file. */
    enum Writes {
        /** Creates it anew, exclusively, replacing what was there ({@code Files.copy}). */
        NEW_FILE,
        /** Through an existing file: keeps its permissions, follows its link (commons-io, HttpClient's ofFile). */
        IN_PLACE
    }

    private final Writes writes;

    Transfer(Writes writes) {
        this.writes = writes;
    }

    /** Runs the application's call redirected into {@code temp}; returns the bytes written. */
    abstract long into(Path temp) throws Throwable;

    /**
     * Writes the complete {@code temp} to the application's own target the way its call writes that target, with
     * the exceptions that call throws for it: how a transfer is published when the atomic rename cannot do it (a
     * directory in the target's place, a file system without rename). Returns the bytes written.
     */
    abstract long deliver(Path temp) throws Throwable;

    /**
     * Runs the application's call unchanged on its own target (Baton has nothing to add); only asked of calls that
     * refuse an existing target.
     */
    Object original() throws Throwable {
        throw new IllegalStateException("a call that replaces existing targets is never run unchanged here");
    }

    /** Whether the call creates its file itself, exclusively; else Baton creates the temp. */
    final boolean createsItsFile() {
        return writes == Writes.NEW_FILE;
    }

    /** Whether the call writes through an existing target (keeps its permissions, follows its link). */
    final boolean writesInPlace() {
        return writes == Writes.IN_PLACE;
    }
}
