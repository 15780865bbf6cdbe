package dev.baton.scan;

import dev.baton.instrument.MethodTarget;

/**
 * A method the scan looks for, who would rewrite it ("download", "rule plugins") and how its call sites are judged.
 */
public record ScanTarget(String owner, MethodTarget method, CallSiteJudge judge) {
    public ScanTarget(String owner, MethodTarget method) {
        this(owner, method, CallSiteJudge.ALWAYS);
    }
}
