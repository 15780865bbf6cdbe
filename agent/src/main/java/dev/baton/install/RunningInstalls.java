package dev.baton.install;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Package-manager processes that hold install leases, until whoever sees first that one exited ends its leases. */
final class RunningInstalls {
    // Process keeps Object's identity equals and hashCode; an entry leaves as soon as its process is seen exited.
    private final Map<Process, List<InstallLease>> running = new ConcurrentHashMap<>();

    void started(Process process, List<InstallLease> leases) {
        running.put(process, List.copyOf(leases));
        for (InstallLease lease : leases) {
            lease.started(process);
        }
    }

    boolean holdsLeases(Object process) {
        return running.containsKey(process);
    }

    /** {@code process} exited with {@code exitCode}: its leases end now, before the caller hears of the exit. */
    void exited(Process process, int exitCode) {
        List<InstallLease> leases = running.remove(process);
        if (leases != null) {
            for (InstallLease lease : leases) {
                lease.end(exitCode);
            }
        }
    }
}
