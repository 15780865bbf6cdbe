package dev.baton.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a shell would run for {@code sh -c SCRIPT}, when that can be known without running anything: a simple
 * command, or simple commands joined by {@code &&}, with words quoted as the shell quotes them, leading
 * {@code NAME=value} assignments and redirections. Build tools often start package managers that way
 * ({@code sh -c "npm install"}, {@code bash -lc "cd web && npm ci"}).
 *
 * <p>Anything whose meaning depends on the shell's state or on other commands' results (variables, command
 * substitution, pipes, {@code ;}, {@code ||}, background jobs, subshells, comments, a leading {@code ~}) makes the
 * script unknown: better no lock than one on the wrong directory, and README says so.
 */
final class ShellScript {
    /** Shells whose -c takes a script in the POSIX syntax read here. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox-sh");
    /** Options of those shells that take the next argument as their value. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-o", "+o", "-O", "+O", "--rcfile", "--init-file");

    private ShellScript() {
    }

    /** The script of {@code SHELL [options] -c SCRIPT [name args...]}, or empty when the shell runs a file. */
    static Optional<String> of(List<String> shellArgs) {
        boolean commandFlag = false;
        for (int i = 0; i < shellArgs.size(); i++) {
            String arg = shellArgs.get(i);
            if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (arg.equals("--")) {
                return commandFlag && i + 1 < shellArgs.size() ? Optional.of(shellArgs.get(i + 1)) : Optional.empty();
            } else if (arg.startsWith("--")) {
                continue;
            } else if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
                // A cluster such as -lc or -euc: 'c' among the letters means the first operand is the script.
                commandFlag |= arg.startsWith("-") && arg.indexOf('c') > 0;
            } else {
                return commandFlag ? Optional.of(arg) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The commands of the {@code &&} chain, each as its words; empty when the script is more than such a chain. */
    static Optional<List<List<String>>> commands(String script) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Tokens tokens = new Tokens(script);
        while (true) {
            Token token = tokens.next();
            if (token == null) {
                return Optional.empty();
            }
            switch (token.kind()) {
                case WORD -> current.add(token.text());
                case REDIRECT -> {
                    // The redirection and its target name no part of the command.
                    if (!token.text().endsWith("&") || !tokens.digitsFollow()) {
                        Token target = tokens.next();
                        if (target == null || target.kind() != Kind.WORD) {
                            return Optional.empty();
                        }
                    }
                }
                case AND, END -> {
                    List<String> command = withoutAssignments(current);
                    if (command.isEmpty()) {
                        return Optional.empty();
                    }
                    commands.add(command);
                    current = new ArrayList<>();
                    if (token.kind() == Kind.END) {
                        return Optional.of(commands);
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }

    /** Drops leading NAME=value words and an {@code exec}: what remains starts with the program. */
    private static List<String> withoutAssignments(List<String> words) {
        int first = 0;
        while (first < words.size() && words.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            first++;
        }
        if (first < words.size() && words.get(first).equals("exec")) {
            first++;
        }
        return words.subList(first, words.size());
    }

    private enum Kind {
        WORD, AND, REDIRECT, END, UNSUPPORTED
    }

    private record Token(Kind kind, String text) {
    }

    /** Splits a script into words and the few operators understood here. */
    private static final class Tokens {
        private final String script;
        private int pos;

        Tokens(String script) {
            this.script = script;
        }

        /** The next token, or null when the script cannot be read here (an open quote, a variable...). */
        Token next() {
            while (pos < script.length() && (script.charAt(pos) == ' ' || script.charAt(pos) == '\t')) {
                pos++;
            }
            if (pos == script.length()) {
                return new Token(Kind.END, "");
            }
            char c = script.charAt(pos);
            if (script.startsWith("&&", pos)) {
                pos += 2;
                return new Token(Kind.AND, "&&");
            }
            if (c == '>' || c == '<' || script.startsWith("&>", pos)) {
                return redirect();
            }
            if ("|;&()`$#~\n\r{}".indexOf(c) >= 0) {
                return new Token(Kind.UNSUPPORTED, String.valueOf(c));
            }
            return word();
        }

        boolean digitsFollow() {
            int end = pos;
            while (end < script.length() && Character.isDigit(script.charAt(end))) {
                end++;
            }
            if (end == pos) {
                return false;
            }
            pos = end;
            return true;
        }

        private Token redirect() {
            int start = pos;
            if (script.charAt(pos) == '&') {
                pos++;
            }
            pos++;
            if (pos < script.length() && (script.charAt(pos) == '>' || script.charAt(pos) == '&')) {
                pos++;
            }
            return new Token(Kind.REDIRECT, script.substring(start, pos));
        }

        private Token word() {
            StringBuilder word = new StringBuilder();
            boolean digitsOnly = true;
            while (pos < script.length()) {
                char c = script.charAt(pos);
                if (c == ' ' || c == '\t' || script.startsWith("&&", pos)) {
                    break;
                }
                if (c == '>' || c == '<') {
                    // "2>file": the digits name a file descriptor, not a word of the command.
                    if (digitsOnly && word.length() > 0) {
                        return redirect();
                    }
                    break;
                }
                if ("|;&()`$\n\r".indexOf(c) >= 0) {
                    return new Token(Kind.UNSUPPORTED, String.valueOf(c));
                }
                pos++;
                if (c == '\'') {
                    int close = script.indexOf('\'', pos);
                    if (close < 0) {
                        return null;
                    }
                    word.append(script, pos, close);
                    pos = close + 1;
                    digitsOnly = false;
                } else if (c == '"') {
                    if (!doubleQuoted(word)) {
                        return null;
                    }
                    digitsOnly = false;
                } else if (c == '\\') {
                    if (pos == script.length()) {
                        return null;
                    }
                    word.append(script.charAt(pos++));
                    digitsOnly = false;
                } else {
                    word.append(c);
                    digitsOnly &= Character.isDigit(c);
                }
            }
            return new Token(Kind.WORD, word.toString());
        }

        /** Reads up to the closing quote; false when it is missing or the text expands something. */
        private boolean doubleQuoted(StringBuilder word) {
            while (pos < script.length()) {
                char c = script.charAt(pos++);
                if (c == '"') {
                    return true;
                }
                if (c == '$' || c == '`') {
                    return false;
                }
                if (c == '\\' && pos < script.length() && "$`\"\\".indexOf(script.charAt(pos)) >= 0) {
                    c = script.charAt(pos++);
                }
                word.append(c);
            }
            return false;
        }
    }
}
