package dev.baton.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.baton.core.Locks;
import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * {@code ProcessBuilder.start()} (Runtime.exec ends there too): a package manager that changes a directory starts
 * only while holding that directory's lock, and the lock stays held until the process exits. Any other process
 * starts untouched.
 */
final class InstallInterceptor implements Interceptor {
    private static final int MAX_COMMAND_TEXT = 200;

    private final InstallCommandParser parser;
    private final Locks locks;
    private final String onTimeout;

    InstallInterceptor(InstallCommandParser parser, Locks locks, String onTimeout) {
        this.parser = parser;
        this.locks = locks;
        this.onTimeout = onTimeout;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        ProcessBuilder builder = (ProcessBuilder) call.self();
        List<String> command = builder.command();
        Path workingDirectory = builder.directory() != null ? builder.directory().toPath()
                : Path.of(System.getProperty("user.dir"));
        Optional<InstallCommand> install = parser.parse(command, workingDirectory);
        if (install.isEmpty()) {
            return call.proceed();
        }
        InstallLease lease = InstallLease.acquire(locks, onTimeout, install.get(), commandText(command));
        Process process;
        try {
            process = (Process) call.proceed();
        } catch (Throwable startFailure) {
            lease.startFailed();
            throw startFailure;
        }
        lease.started(process);
        return process;
    }

    private static String commandText(List<String> command) {
        String text = String.join(" ", command);
        return text.length() <= MAX_COMMAND_TEXT ? text : text.substring(0, MAX_COMMAND_TEXT);
    }
}
