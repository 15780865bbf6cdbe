package dev.baton.install;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * {@code Process.waitFor}, {@code exitValue} and {@code isAlive} of a package manager that holds an install lease:
 * when the call reports the exit, the lease ends first (baton.Install recorded, lock released) and only then does
 * the application hear of it. Otherwise the lease's own thread races the application, and an application that
 * exits right after {@code waitFor} can take the recorded event with it, or find the lock still held by an install
 * that is over. Every other process is left alone: {@link #wants} is one map lookup.
 */
final class ProcessExitInterceptor implements Interceptor {
    private final RunningInstalls running;

    ProcessExitInterceptor(RunningInstalls running) {
        this.running = running;
    }

    @Override
    public boolean wants(Object self) {
        return running.holdsLeases(self);
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object result = call.proceed();
        Process process = (Process) call.self();
        String method = call.target().methodName();
        boolean exited = switch (method) {
            case "waitFor", "exitValue" -> !Boolean.FALSE.equals(result);
            case "isAlive" -> Boolean.FALSE.equals(result);
            default -> false;
        };
        if (exited) {
            // Inside Baton this call runs the original method: the exit code is known, nothing waits.
            running.exited(process, result instanceof Integer code ? code : process.exitValue());
        }
        return result;
    }
}
