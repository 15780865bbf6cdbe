package dev.baton.instrument;

import java.util.Set;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One rewrite of named classes: which classes (exact binary names, so matching costs a hash lookup) and what to do
 * to them (advice). Features turn their presets and user rules into hooks; the {@link Installer} applies them.
 */
public interface Hook {
    /** A short label for logs and the self-test, e.g. "download: Files.copy(InputStream, Path, ...)". */
    String label();

    /** Binary names of the classes this hook rewrites, e.g. "java.nio.file.Files". */
    Set<String> typeNames();

    /** The transformation applied to each of those classes. */
    AgentBuilder.Transformer transformer();
}
