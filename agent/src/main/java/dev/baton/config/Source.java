package dev.baton.config;

/** Where a configuration value came from, highest precedence first. */
public enum Source {
    AGENT_ARGS("agent arguments"),
    SYSTEM_PROPERTY("system property"),
    ENVIRONMENT("environment"),
    FILE("config file"),
    DEFAULT("default");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
