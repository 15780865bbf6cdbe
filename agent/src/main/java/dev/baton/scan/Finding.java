package dev.baton.scan;

/**
 * One place Baton would change: a method whose code is rewritten, or a call site that reaches one.
 *
 * @param kind "rewrites" or "calls"
 * @param location class#method, and source file and line for call sites when the class has them
 */
public record Finding(String kind, String location, String target, String owner) {
    @Override
    public String toString() {
        return location + "  " + kind + " " + target + "  [" + owner + "]";
    }
}
