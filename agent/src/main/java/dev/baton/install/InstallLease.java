package dev.baton.install;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.baton.core.Locks;
import dev.baton.instrument.Refusal;
import dev.baton.jfr.InstallEvent;

/**
 * Holds an install directory's lock from before the package manager starts until it exits, on a Baton thread of
 * its own: the application may never wait for the process, and the lock must not depend on the thread that asked.
 */
final class InstallLease {
    private static final String SCOPE = "install";

    private final CompletableFuture<Void> acquired = new CompletableFuture<>();
    private final CompletableFuture<Process> started = new CompletableFuture<>();
    private final InstallEvent event = new InstallEvent();

    private InstallLease() {
    }

    /**
     * Returns once the lock is held (or, under policy proceed, given up); a timeout with policy fail or a lock
     * failure under baton.onError=fail arrives as the lock service's Refusal and reaches the application.
     */
    static InstallLease acquire(Locks locks, String onTimeout, InstallCommand command, String commandLine)
            throws IOException, InterruptedException {
        InstallLease lease = new InstallLease();
        lease.event.begin();
        lease.event.command = commandLine;
        lease.event.directory = command.directory().toString();
        Thread holder = new Thread(() -> lease.hold(locks, onTimeout, command), "baton-install " + command.describe());
        holder.setDaemon(true);
        holder.start();
        try {
            lease.acquired.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refusal refusal) {
                throw refusal;
            }
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            lease.startFailed();
            throw e;
        }
        return lease;
    }

    private void hold(Locks locks, String onTimeout, InstallCommand command) {
        long waitStart = System.nanoTime();
        Locks.Lease lock;
        try {
            lock = locks.acquire(SCOPE, command.directory().toString(), command.describe(), null, onTimeout);
        } catch (Throwable t) {
            acquired.completeExceptionally(t);
            return;
        }
        event.wait = System.nanoTime() - waitStart;
        acquired.complete(null);
        try {
            Process process = started.join();
            if (process != null) {
                event.exitCode = process.waitFor();
            } else {
                event.exitCode = -1;
            }
        } catch (InterruptedException e) {
            event.exitCode = -1;
        } finally {
            lock.close();
            event.commit();
        }
    }

    /** The package manager runs: keep the lock until it exits. */
    void started(Process process) {
        started.complete(process);
    }

    /** The process never started: release at once. */
    void startFailed() {
        started.complete(null);
    }

}
