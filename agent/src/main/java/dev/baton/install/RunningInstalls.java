package dev.baton.install;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Package-manager processes that hold install leases, until whoever sees first that one exited ends its leases. */
final class RunningInstalls {
    // Process keeps Object's identity equals and hashCode; an entry leaves as soon as its process is seen exited,
    // or once its leases have ended.
    private final Map<Process, List<InstallLease>> running = new ConcurrentHashMap<>();

    void started(Process process, List<InstallLease> leases) {
        List<InstallLease> held = List.copyOf(leases);
        running.put(process, held);
        CompletableFuture<?>[] ends = new CompletableFuture<?>[held.size()];
        for (int i = 0; i < ends.length; i++) {
            held.get(i).started(process);
            ends[i] = held.get(i).ended();
        }
        // Leases also end on Process.onExit when the application never looks (a daemon starting installs for
        // ever): then nobody calls exited, and the entry goes once every lease has ended, not before (until then
        // a waitFor must still wait for the lease's end).
        CompletableFuture.allOf(ends).whenComplete((done, failure) -> running.remove(process, held));
    }

    boolean holdsLeases(Object process) {
        return running.containsKey(process);
    }

    /**
     * {@code process} exited with {@code exitCode}: its leases end now, before the caller hears of the exit. The
     * entry stays until they have ended: several threads may learn of one exit at once (on JDK 25 the JDK's own
     * {@code onExit} thread calls {@code waitFor} too), and one that found the entry gone would tell its caller of
     * the exit while the lock was still held (CI: the next install's start timed out behind the one that was over).
     */
    void exited(Process process, int exitCode) {
        List<InstallLease> leases = running.get(process);
        if (leases != null) {
            for (InstallLease lease : leases) {
                lease.end(exitCode); // When the last has ended, started's completion removes the entry.
            }
        }
    }
}
