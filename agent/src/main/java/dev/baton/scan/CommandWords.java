package dev.baton.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a method's string constants and guesses which of them start a command: at each call that builds a
 * command ({@code new ProcessBuilder(...)}, {@code ProcessBuilder.command(...)}, {@code List.of},
 * {@code Arrays.asList}, {@code Runtime.exec}), the first string constant of the statement so far (javac pushes
 * arguments left to right, so {@code new ProcessBuilder("npm", "install", dir)} and
 * {@code new ArrayList<>(List.of("npm", ...))} both give "npm"; for {@code exec("npm install")} its first word).
 * A guess, for scan's tags only: what runs is decided at run time on the real command.
 */
final class CommandWords {
    private final List<String> strings = new ArrayList<>();
    private final List<String> commandWords = new ArrayList<>();
    /** The first string constant since the last statement boundary (a store, a pop, a jump, a return). */
    private String firstOfStatement;

    void constant(Object value) {
        if (value instanceof String) {
            strings.add((String) value);
            if (firstOfStatement == null) {
                firstOfStatement = (String) value;
            }
        }
    }

    void call(String owner, String name) {
        boolean buildsCommand = owner.equals("java/lang/ProcessBuilder") && (name.equals("<init>")
                || name.equals("command"))
                || owner.equals("java/util/List") && name.equals("of")
                || owner.equals("java/util/Arrays") && name.equals("asList")
                || owner.equals("java/lang/Runtime") && name.equals("exec");
        if (buildsCommand && firstOfStatement != null) {
            String[] words = firstOfStatement.trim().split("\\s+");
            if (!words[0].isEmpty()) {
                commandWords.add(words[0]);
            }
        }
    }

    /** A store, pop, jump or return: the next constant starts a new statement. */
    void statementBoundary() {
        firstOfStatement = null;
    }

    CallerFacts facts() {
        return new CallerFacts(List.copyOf(strings), List.copyOf(commandWords));
    }
}
