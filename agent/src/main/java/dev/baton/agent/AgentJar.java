package dev.baton.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

/** Finds the jar this class was loaded from, whichever loader (bootstrap, system) loaded it. */
final class AgentJar {
    private static final String SELF = "dev/baton/agent/AgentJar.class";

    private AgentJar() {
    }

    static Path locate() throws Exception {
        // Loaded by the system loader (-javaagent), the class knows its jar: asking for a resource instead would first
        // search the JDK's modules, which opens the runtime image reader at every JVM's start.
        Path jar = ownCodeSource();
        if (jar != null) {
            return jar;
        }
        // Loaded from the bootstrap path a class has no CodeSource, so ask for our own class file instead.
        URL self = ClassLoader.getSystemResource(SELF);
        if (self == null || !"jar".equals(self.getProtocol())) {
            throw new IllegalStateException("Baton must run from baton-agent.jar, found " + self);
        }
        String spec = self.toString();
        String fileUri = spec.substring("jar:".length(), spec.indexOf("!/"));
        return Path.of(new URI(fileUri));
    }

    /** The jar the system loader read this class from, or null when it is not known that way. */
    private static Path ownCodeSource() {
        try {
            CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location != null && "file".equals(location.getProtocol())) {
                Path jar = Path.of(location.toURI());
                if (jar.getFileName().toString().endsWith(".jar")) {
                    return jar;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // An unusual location: the resource lookup below finds the jar anyway.
        }
        return null;
    }
}
