package dev.baton.scan.suggest;

/**
 * What a check's result says about its path when it is true (non-zero, non-null): {@code exists} true means the
 * path is there, {@code notExists} true means it is missing, and a listing or a size that is non-zero means
 * something is there.
 */
enum Meaning {
    /**
     * true: present; false: missing (exists, size, a listing or its size). isDirectory and isFile count too: false
     * strictly means "not a directory", but code that acts on it is creating what is missing (a branch that acts on
     * both sides is a dispatch and is not reported at all).
     */
    PRESENT_IF_TRUE,
    /** true: missing; false: present (notExists, isEmpty of a listing). */
    ABSENT_IF_TRUE,
    UNKNOWN;

    /** What {@code isEmpty()} of a value with this meaning says. */
    Meaning emptiness() {
        return this == PRESENT_IF_TRUE ? ABSENT_IF_TRUE : UNKNOWN;
    }

    /** The state of the path on the branch where the value is true (true) or false (false). */
    Outcome when(boolean truth) {
        return switch (this) {
            case PRESENT_IF_TRUE -> truth ? Outcome.PRESENT : Outcome.ABSENT;
            case ABSENT_IF_TRUE -> truth ? Outcome.ABSENT : Outcome.PRESENT;
            case UNKNOWN -> Outcome.UNKNOWN;
        };
    }

    static Meaning combine(Meaning a, Meaning b) {
        return a == null ? b : b == null || a == b ? a : UNKNOWN;
    }

    /** The path's state on one side of a branch on a check. */
    enum Outcome {
        PRESENT, ABSENT, UNKNOWN
    }
}
