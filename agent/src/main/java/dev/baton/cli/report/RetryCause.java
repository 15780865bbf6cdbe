package dev.baton.cli.report;

import java.time.Duration;
import java.util.SortedSet;

/** Retries that one cause (exception type or status) led to. */
public record RetryCause(String cause, int retries, SortedSet<String> operations, Duration totalBackoff) {
}
