package dev.baton.scan;

import java.util.List;

/**
 * What scan learned about the method that contains a call site, from its byte code alone.
 *
 * @param strings every string constant of the method
 * @param commandWords constants that look like the first word of a command: element 0 of a {@code String[]}
 *        literal, the first of the constants passed to {@code List.of} / {@code Arrays.asList}, the first word of a
 *        constant passed to {@code Runtime.exec(String)}
 */
public record CallerFacts(List<String> strings, List<String> commandWords) {
}
