package dev.baton.scan.suggest;

import java.io.PrintStream;
import java.util.List;

/** Prints suggestions for people (ranked, with reasons) or as a properties file usable as {@code baton.config}. */
public final class SuggestionReport {
    private SuggestionReport() {
    }

    public static void text(Suggester.Result result, List<String> paths, long millis, PrintStream out) {
        out.printf("%d suggestion(s) for %s (%d classes, %d methods analysed, %d ms)%n",
                result.suggestions().size(), names(paths), result.classes(), result.methods(), millis);
        int rank = 1;
        for (Suggestion s : result.suggestions()) {
            out.println();
            out.printf("%d. %s (%d)  %s%n", rank++, s.confidence().name().toLowerCase(java.util.Locale.ROOT),
                    s.score(), s.method());
            out.println("   why: " + s.reason());
            out.println("   key: " + (s.key() == null ? "none; " : s.key() + " = ") + s.keyNote());
            if (s.hookedBy() != null) {
                out.println("   already hooked by " + s.hookedBy() + ": nothing to paste");
            }
            if (s.coveredBy() != null) {
                out.println("   covered by the lock on " + s.coveredBy() + " (listed for completeness)");
            }
            if (s.hookedBy() == null) { // A hooked method has its lock already: printing a rule invites a second.
                for (String line : s.properties()) {
                    out.println("   " + line);
                }
            }
        }
        if (result.unreadableClasses() > 0) {
            out.println();
            out.println(result.unreadableClasses() + " class file(s) could not be read and were skipped");
        }
        if (result.suggestions().stream().anyMatch(s -> s.hookedBy() == null)) {
            out.println();
            out.println("Paste the rules you trust into -D options or a file named by baton.config (--format=properties"
                    + " writes one), run the tool with -javaagent:baton-agent.jar, and check `report` for rule:NAME"
                    + " locks.");
        }
    }

    public static void properties(Suggester.Result result, List<String> paths, PrintStream out) {
        out.println("# Baton rules suggested by `java -jar baton-agent.jar scan --suggest` for " + names(paths));
        out.println("# Use with -Dbaton.config=THIS_FILE. Low-confidence suggestions, locks covered by an outer lock and");
        out.println("# methods a recipe or rule already hooks are commented out. Read each reason before trusting a rule.");
        int rank = 1;
        for (Suggestion s : result.suggestions()) {
            out.println();
            out.printf("# %d. %s (%d): %s%n", rank++, s.confidence().name().toLowerCase(java.util.Locale.ROOT),
                    s.score(), s.reason());
            out.println("# key: " + (s.key() == null ? "none; " : s.key() + " = ") + s.keyNote());
            if (s.hookedBy() != null) {
                out.println("# already hooked by " + s.hookedBy());
            }
            if (s.coveredBy() != null) {
                out.println("# covered by the lock on " + s.coveredBy());
            }
            for (String line : s.properties()) {
                out.println((s.recommended() ? "" : "#") + line);
            }
        }
    }

    /** The scanned paths, shortened when a whole lib directory was named. */
    private static String names(List<String> paths) {
        return paths.size() <= 3 ? String.join(" ", paths)
                : String.join(" ", paths.subList(0, 2)) + " and " + (paths.size() - 2) + " more";
    }
}
