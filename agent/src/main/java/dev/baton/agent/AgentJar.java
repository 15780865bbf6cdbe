package dev.baton.agent;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;

/** Finds the jar this class was loaded from, whichever loader (bootstrap, system) loaded it. */
final class AgentJar {
    private static final String SELF = "dev/baton/agent/AgentJar.class";

    private AgentJar() {
    }

    static Path locate() throws Exception {
        // Loaded from the bootstrap path a class has no CodeSource, so ask for our own class file instead.
        URL self = ClassLoader.getSystemResource(SELF);
        if (self == null || !"jar".equals(self.getProtocol())) {
            throw new IllegalStateException("Baton must run from baton-agent.jar, found " + self);
        }
        String spec = self.toString();
        String fileUri = spec.substring("jar:".length(), spec.indexOf("!/"));
        return Path.of(new URI(fileUri));
    }
}
