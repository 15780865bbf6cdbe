package dev.baton.instrument;

import java.util.List;

/**
 * The self-test after installation: already loaded classes rewritten now, loaded classes that will be rewritten
 * when their feature first starts, classes that will be rewritten when they load, and loaded classes whose rewrite
 * failed (they keep their original code).
 */
public record InstallReport(List<String> rewritten, List<String> whenNeeded, List<String> onLoad,
        List<String> failed) {
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("rewritten ").append(rewritten.isEmpty() ? "-" : String.join(", ", rewritten));
        if (!whenNeeded.isEmpty()) {
            s.append("; when first needed ").append(String.join(", ", whenNeeded));
        }
        s.append("; on load ").append(onLoad.isEmpty() ? "-" : String.join(", ", onLoad));
        if (!failed.isEmpty()) {
            s.append("; FAILED ").append(String.join(", ", failed));
        }
        return s.toString();
    }
}
