package dev.baton.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Entry point of baton-agent.jar: premain, agentmain and the command line.
 *
 * <p>This class does almost nothing on purpose. It builds Baton's hidden class loader over the same jar, makes the
 * bridge visible to the bootstrap loader ({@link BootstrapBridge}) and hands over to
 * {@code dev.baton.core.AgentStartup} (agent) or {@code dev.baton.cli.BatonCli} (command line). Everything Baton needs beyond java.base lives behind that loader,
 * so the application never sees Baton's classes or its shaded dependencies.
 */
public final class BatonAgent {
    private static final String LAUNCH_CLASS = "dev.baton.core.AgentStartup$AtLaunch";
    private static final String ATTACH_CLASS = "dev.baton.core.AgentStartup$Attached";
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
            // Called through an interface of java.base, made by its no-argument constructor: neither Method.invoke
            // (on JDK 18 and later reflection runs on method handles) nor a method handle of this signature, either
            // of which spins classes to adapt the call at every start (JDK 25: four, and the JIT compiling them).
            @SuppressWarnings("unchecked")
            BiConsumer<String, Instrumentation> start = (BiConsumer<String, Instrumentation>) loader
                    .loadClass(atLaunch ? LAUNCH_CLASS : ATTACH_CLASS).getDeclaredConstructor().newInstance();
            start.accept(args, instrumentation);
        } catch (Throwable t) {
            reportStartFailure(t);
        }
    }

    /** Baton must never break its host: a failed start leaves the application running without it. */
    private static void reportStartFailure(Throwable failure) {
        System.err.println("[baton] could not start; the application runs without Baton: " + failure);
    }
}
