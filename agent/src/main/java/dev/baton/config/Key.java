package dev.baton.config;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * One configuration key: its name, the feature it belongs to (an invalid value disables that feature), its type,
 * its default and a line of documentation. All keys are defined in {@link Keys}.
 */
public final class Key<T> {
    private final String name;
    private final String feature;
    private final ValueType<T> type;
    private final Supplier<T> defaultValue;
    private final String defaultText;
    private final String description;

    Key(String name, String feature, ValueType<T> type, Supplier<T> defaultValue, String defaultText,
            String description) {
        this.name = name;
        this.feature = feature;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = description;
    }

    public String name() {
        return name;
    }

    /**
     * The feature an invalid value of this key disables; "core" for keys whose invalid value only falls back to the
     * default (keys of Baton as a whole, and settings such as the lock timeout that must not switch off a feature).
     */
    public String feature() {
        return feature;
    }

    public ValueType<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue.get();
    }

    /** The default as documented: a value, or words where the default depends on the machine. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** baton.lock.timeout -> BATON_LOCK_TIMEOUT; baton.onError -> BATON_ON_ERROR. */
    public String environmentName() {
        return environmentNameOf(name);
    }

    static String environmentNameOf(String key) {
        StringBuilder env = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '.' || c == '-') {
                env.append('_');
            } else if (Character.isUpperCase(c)) {
                env.append('_').append(c);
            } else {
                env.append(Character.toUpperCase(c));
            }
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
