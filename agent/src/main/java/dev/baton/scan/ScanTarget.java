package dev.baton.scan;

import dev.baton.instrument.MethodTarget;

/**
 * A method the scan looks for: who would rewrite it ("download", "rule plugins"), how its call sites are judged, and
 * for rules and recipes whether it also rewrites overrides and what key and done it evaluates (scan checks them
 * against the scanned classes).
 *
 * @param key the rule's key expression, or null
 * @param done the rule's done template, or null
 */
public record ScanTarget(String owner, MethodTarget method, CallSiteJudge judge, boolean subtypes, String key,
        String done) {
    /** A preset's target: exact class, every call site counts. */
    public ScanTarget(String owner, MethodTarget method) {
        this(owner, method, CallSiteJudge.ALWAYS, false, null, null);
    }
}
