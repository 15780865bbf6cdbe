package dev.baton.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * Entry point of baton-agent.jar: premain, agentmain and the command line.
 *
 * <p>This class does almost nothing on purpose. It builds Baton's hidden class loader over the same jar, makes the
 * bridge visible to the bootstrap loader ({@link BootstrapBridge}) and hands over to
 * {@code dev.baton.core.AgentStartup} (agent) or {@code dev.baton.cli.BatonCli} (command line). Everything Baton needs beyond java.base lives behind that loader,
 * so the application never sees Baton's classes or its shaded dependencies.
 */
public final class BatonAgent {
    private static final String STARTUP_CLASS = "dev.baton.core.AgentStartup";
    private static final String CLI_CLASS = "dev.baton.cli.BatonCli";

    private BatonAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, true);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, false);
    }

    public static void main(String[] args) throws Throwable {
        ClassLoader loader = new HiddenClassLoader(AgentJar.locate());
        try {
            loader.loadClass(CLI_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void start(String args, Instrumentation instrumentation, boolean atLaunch) {
        try {
            Path jar = AgentJar.locate();
            ClassLoader loader = new HiddenClassLoader(jar);
            BootstrapBridge.install(instrumentation, jar, loader);
            // A method handle called exactly, not Method.invoke: on JDK 18 and later reflection runs on method
            // handles, and adapting a reflective call to this signature costs tens of milliseconds at every start.
            MethodHandle start = MethodHandles.publicLookup().findStatic(loader.loadClass(STARTUP_CLASS), "start",
                    MethodType.methodType(void.class, String.class, Instrumentation.class, boolean.class));
            start.invokeExact(args, instrumentation, atLaunch);
        } catch (Throwable t) {
            reportStartFailure(t);
        }
    }

    /** Baton must never break its host: a failed start leaves the application running without it. */
    private static void reportStartFailure(Throwable failure) {
        System.err.println("[baton] could not start; the application runs without Baton: " + failure);
    }
}
