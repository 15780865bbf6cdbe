package dev.baton.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a configuration value is parsed, and the words that tell a user what is accepted. */
public abstract class ValueType<T> {
    private final String accepted;

    private ValueType(String accepted) {
        this.accepted = accepted;
    }

    /** Parses the raw text, or throws IllegalArgumentException; the caller adds key and accepted values. */
    public abstract T parse(String raw);

    /** Formats a value the way a user would write it. */
    public String format(T value) {
        return String.valueOf(value);
    }

    public String accepted() {
        return accepted;
    }

    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("true or false") {
        @Override
        public Boolean parse(String raw) {
            switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "on": case "1":
                    return Boolean.TRUE;
                case "false": case "no": case "off": case "0":
                    return Boolean.FALSE;
                default:
                    throw new IllegalArgumentException();
            }
        }
    };

    /** Durations such as 500ms, 30s, 5m, 1h, 2d; a bare number means milliseconds; 0 means none. */
    public static final ValueType<Duration> DURATION_TYPE = new ValueType<>(
            "a duration such as 500ms, 30s, 5m, 1h (a bare number is milliseconds)") {
        @Override
        public Duration parse(String raw) {
            NumberAndUnit value = NumberAndUnit.parse(raw, "ms");
            switch (value.unit) {
                case "ms": return Duration.ofMillis(value.number);
                case "s": return Duration.ofSeconds(value.number);
                case "m": return Duration.ofMinutes(value.number);
                case "h": return Duration.ofHours(value.number);
                case "d": return Duration.ofDays(value.number);
                default: throw new IllegalArgumentException();
            }
        }

        @Override
        public String format(Duration d) {
            long ms = d.toMillis();
            if (ms == 0) {
                return "0";
            } else if (ms % 3_600_000 == 0) {
                return ms / 3_600_000 + "h";
            } else if (ms % 60_000 == 0) {
                return ms / 60_000 + "m";
            } else if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            return ms + "ms";
        }
    };

    /** Sizes in bytes: 4096, 64k, 10MB, 1GiB (binary multiples). */
    public static final ValueType<Long> SIZE_TYPE = new ValueType<>("a size such as 4096, 64k, 10MB, 1GB") {
        @Override
        public Long parse(String raw) {
            NumberAndUnit value = NumberAndUnit.parse(raw, "b");
            switch (value.unit) {
                case "b": return value.number;
                case "k": case "kb": case "kib": return value.number << 10;
                case "m": case "mb": case "mib": return value.number << 20;
                case "g": case "gb": case "gib": return value.number << 30;
                default: throw new IllegalArgumentException();
            }
        }
    };

    /**
     * "30s", "64 kb": the digits and the (lower-cased) unit after them. Read by hand rather than with a regular
     * expression: compiling one costs start-up time in every JVM Baton runs in, and these parse at premain.
     */
    private static final class NumberAndUnit {
        final long number;
        final String unit;

        private NumberAndUnit(long number, String unit) {
            this.number = number;
            this.unit = unit;
        }

        static NumberAndUnit parse(String raw, String defaultUnit) {
            String text = raw.trim().toLowerCase(Locale.ROOT);
            int digits = 0;
            while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                digits++;
            }
            if (digits == 0) {
                throw new IllegalArgumentException();
            }
            String unit = text.substring(digits).trim();
            return new NumberAndUnit(Long.parseLong(text.substring(0, digits)), unit.isEmpty() ? defaultUnit : unit);
        }
    }

    public static final ValueType<String> STRING = new ValueType<>("any text") {
        @Override
        public String parse(String raw) {
            return raw.trim();
        }
    };

    public static final ValueType<Path> PATH = new ValueType<>("a file system path") {
        @Override
        public Path parse(String raw) {
            if (raw.isBlank()) {
                throw new IllegalArgumentException();
            }
            return Path.of(raw.trim());
        }
    };

    /** Comma- or space-separated words. */
    public static final ValueType<List<String>> LIST = new ValueType<>("a list of words separated by commas or spaces") {
        @Override
        public List<String> parse(String raw) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            for (int i = 0; i <= raw.length(); i++) {
                char c = i < raw.length() ? raw.charAt(i) : ',';
                if (c == ',' || Character.isWhitespace(c)) {
                    if (word.length() > 0) {
                        words.add(word.toString());
                        word.setLength(0);
                    }
                } else {
                    word.append(c);
                }
            }
            return List.copyOf(words);
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }
    };

    /** A duration no shorter than {@code min} (no 0 for "none"). */
    public static ValueType<Duration> durationAtLeast(Duration min) {
        return new ValueType<>("a duration of at least " + DURATION_TYPE.format(min) + " such as 30s, 2m") {
            @Override
            public Duration parse(String raw) {
                Duration d = DURATION_TYPE.parse(raw);
                if (d.compareTo(min) < 0) {
                    throw new IllegalArgumentException();
                }
                return d;
            }

            @Override
            public String format(Duration d) {
                return DURATION_TYPE.format(d);
            }
        };
    }

    public static ValueType<Integer> intRange(int min, int max) {
        return new ValueType<>("a whole number from " + min + " to " + max) {
            @Override
            public Integer parse(String raw) {
                int n = Integer.parseInt(raw.trim());
                if (n < min || n > max) {
                    throw new IllegalArgumentException();
                }
                return n;
            }
        };
    }

    public static ValueType<String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new ValueType<>("one of " + String.join(", ", values)) {
            @Override
            public String parse(String raw) {
                String v = raw.trim();
                for (String a : allowed) {
                    if (a.equalsIgnoreCase(v)) {
                        return a;
                    }
                }
                throw new IllegalArgumentException();
            }
        };
    }
}
