package dev.baton.cli.report;

import java.util.SortedSet;

/** Failures inside Baton at one site, each of which ran the original call unchanged. */
public record FallbackSite(String site, int count, SortedSet<String> exceptions) {
}
