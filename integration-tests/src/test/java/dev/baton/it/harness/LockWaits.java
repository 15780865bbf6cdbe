package dev.baton.it.harness;

import java.util.Collection;

/**
 * Baton's info line for a contended wait ({@code [baton] waiting for the PURPOSE lock on KEY (scope SCOPE): held by
 * ...}): proof that a process with Baton met another one at a lock, so a run really overlapped.
 */
public final class LockWaits {
    private LockWaits() {
    }

    /** Whether this process has said it waits (or waited) for a lock of the scope. */
    public static boolean waited(RunningJvm jvm, String scope) {
        return waited(jvm.stderr(), scope);
    }

    /** Whether a process's stderr says it waited for a lock of the scope. */
    public static boolean waited(String stderr, String scope) {
        return stderr.lines()
                .anyMatch(line -> line.startsWith("[baton] waiting for the ") && line.contains("(scope " + scope + ")"));
    }

    public static long waiting(Collection<RunningJvm> jvms, String scope) {
        return jvms.stream().filter(jvm -> waited(jvm, scope)).count();
    }
}
