package dev.baton.config;

/** A configuration mistake: one line that names the key, and the feature it disables. */
public record Problem(String key, String feature, String message) {
    @Override
    public String toString() {
        return message;
    }
}
