package dev.baton.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.baton.core.Locks;
import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * {@code ProcessBuilder.start()} (Runtime.exec ends there too): a package manager that changes a directory starts
 * only while holding that directory's lock, and the lock stays held until the process exits. Any other process
 * starts untouched. A shell script that installs into several directories holds all their locks.
 */
final class InstallInterceptor implements Interceptor {
    private static final int MAX_COMMAND_TEXT = 200;

    private final InstallCommandParser parser;
    private final Locks locks;
    private final String onTimeout;
    private final RunningInstalls running;

    InstallInterceptor(InstallCommandParser parser, Locks locks, String onTimeout, RunningInstalls running) {
        this.parser = parser;
        this.locks = locks;
        this.onTimeout = onTimeout;
        this.running = running;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        ProcessBuilder builder = (ProcessBuilder) call.self();
        List<String> command = builder.command();
        Path workingDirectory = builder.directory() != null ? builder.directory().toPath()
                : Path.of(System.getProperty("user.dir"));
        List<InstallCommand> installs = parser.parse(command, workingDirectory);
        if (installs.isEmpty()) {
            return call.proceed();
        }
        // One lease per directory (a shell script may install into several), taken in the parser's sorted order.
        List<InstallLease> leases = new ArrayList<>();
        Process process;
        try {
            for (InstallCommand install : installs) {
                leases.add(InstallLease.acquire(locks, onTimeout, install, commandText(command)));
            }
            process = (Process) call.proceed();
        } catch (Throwable failure) {
            leases.forEach(InstallLease::startFailed);
            throw failure;
        }
        running.started(process, leases);
        return process;
    }

    private static String commandText(List<String> command) {
        String text = String.join(" ", command);
        return text.length() <= MAX_COMMAND_TEXT ? text : text.substring(0, MAX_COMMAND_TEXT);
    }
}
