package dev.baton.scan.suggest;

import java.util.ArrayList;
import java.util.List;

/**
 * One suggested rule: lock {@code method}, keyed by {@code key} (null: one lock for every call of the method).
 *
 * @param score 0-100: how sure the analysis is that this is a check-then-act race worth a lock
 * @param keyNote why the key names the right place
 * @param reason one line: which check, which act, where
 * @param coveredBy an outer suggested method whose lock already covers this one, or null
 * @param hookedBy the shipped recipe or configured rule that already hooks this method ("recipe maven-wrapper"),
 *     or null
 */
public record Suggestion(String ruleName, String method, String key, int score, String keyNote, String reason,
        String coveredBy, String hookedBy) {

    public enum Confidence {
        HIGH, MEDIUM, LOW
    }

    public Confidence confidence() {
        return score >= 70 ? Confidence.HIGH : score >= 40 ? Confidence.MEDIUM : Confidence.LOW;
    }

    /** Worth pasting as is: not low, not covered by an outer lock, not already hooked by a recipe or rule. */
    public boolean recommended() {
        return coveredBy == null && hookedBy == null && confidence() != Confidence.LOW;
    }

    /** The rule as {@code baton.rules.NAME.PROPERTY=value} lines. */
    public List<String> properties() {
        String prefix = "baton.rules." + ruleName + ".";
        List<String> lines = new ArrayList<>();
        lines.add(prefix + "method=" + method);
        lines.add(prefix + "action=lock");
        if (key != null) {
            lines.add(prefix + "key=" + key);
        }
        return lines;
    }
}
