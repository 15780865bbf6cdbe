package dev.baton.install;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.baton.core.Locks;
import dev.baton.instrument.Refusal;
import dev.baton.jfr.InstallEvent;

/**
 * Holds an install directory's lock from before the package manager starts until it exits, on a Baton thread of
 * its own: the application may never wait for the process, and the lock must not depend on the thread that asked.
 *
 * <p>The lease ends (baton.Install recorded, lock released, by its own thread, which owns the lock) as soon as anyone
 * learns that the process exited: the application through {@code waitFor}, {@code exitValue} or {@code isAlive}
 * ({@link ProcessExitInterceptor} ends it and waits for the end before the application hears of the exit), or
 * {@code Process.onExit} for an application that never looks. So an application that exits right after
 * {@code waitFor} still leaves its event in the recording, and its next install finds the lock free.
 */
final class InstallLease {
    private static final String SCOPE = "install";

    private final CompletableFuture<Void> acquired = new CompletableFuture<>();
    /** The process's exit code once it is known to have exited; -1 when it never started. */
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    /** Completed once the event is recorded and the lock released. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final InstallEvent event = new InstallEvent();

    private InstallLease() {
    }

    /**
     * Returns once the lock is held (or, under policy proceed, given up); a timeout with policy fail or a lock
     * failure under baton.onError=fail arrives as the lock service's Refusal and reaches the application.
     */
    static InstallLease acquire(Locks locks, String onTimeout, InstallCommand command, String commandLine)
            throws IOException {
        InstallLease lease = new InstallLease();
        lease.event.begin();
        lease.event.command = commandLine;
        lease.event.directory = command.directory().toString();
        Thread holder = new Thread(() -> lease.hold(locks, onTimeout, command), "baton-install " + command.describe());
        holder.setDaemon(true);
        holder.start();
        try {
            // join, not get: an interrupt of the application's thread must not start the package manager beside
            // another one (join waits on and keeps the thread's interrupt flag for the caller to see).
            lease.acquired.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Refusal refusal) {
                throw refusal;
            }
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new IOException(e.getCause());
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
        event.contended = lock.waitedForAnother();
        acquired.complete(null);
        try {
            event.exitCode = exited.join();
            event.commit();
        } finally {
            lock.close();
            ended.complete(null);
        }
    }

    /** The package manager runs: keep the lock until it exits, even if the application never looks at it again. */
    void started(Process process) {
        try {
            process.onExit().whenComplete((p, failure) -> exited.complete(exitCode(process)));
        } catch (RuntimeException unsupported) {
            // ProcessBuilder.start returns the JDK's own Process, which supports onExit; never leave the lock held.
            exited.complete(-1);
        }
    }

    /** The process never started: release at once. */
    void startFailed() {
        exited.complete(-1);
    }

    /** Completes once the install is recorded and its lock is free, however the exit became known. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** {@code process} exited with {@code exitCode}: returns once the install is recorded and its lock is free. */
    void end(int exitCode) {
        exited.complete(exitCode);
        ended.join();
    }

    private static int exitCode(Process process) {
        try {
            return process.exitValue();
        } catch (IllegalThreadStateException notYet) {
            return -1;
        }
    }
}
