package dev.baton.scan;

import dev.baton.instrument.MethodTarget;

/** A method the scan looks for, and who would rewrite it ("download", "rule plugins"). */
public record ScanTarget(String owner, MethodTarget method) {
}
