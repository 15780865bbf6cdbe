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
        // One line in every JVM's stderr: loaded classes rewritten now are few and named; classes waiting to be
        // loaded are many (every recipe's tool) and only counted: `config` lists them.
        StringBuilder s = new StringBuilder();
        s.append("rewritten now: ").append(rewritten.isEmpty() ? "none" : String.join(", ", rewritten));
        if (!whenNeeded.isEmpty()) {
            s.append("; when first needed: ").append(String.join(", ", whenNeeded));
        }
        s.append("; ").append(onLoad.size()).append(onLoad.size() == 1 ? " class" : " classes")
                .append(" when loaded (java -jar baton-agent.jar config lists them)");
        if (!failed.isEmpty()) {
            s.append("; FAILED ").append(String.join(", ", failed));
        }
        return s.toString();
    }
}
