package dev.baton.install;

import java.util.Locale;
import java.util.Set;

import dev.baton.scan.CallSiteJudge;
import dev.baton.scan.CallerFacts;

/**
 * How scan judges a process start: an install when the calling method's command starts with a package manager;
 * "maybe" when the command is not visible in that method or runs through a shell; not reported when the command
 * visibly starts with something else (git, java...). The run-time decision is the interceptor's, on the real command.
 */
final class InstallCallSites implements CallSiteJudge {
    /** The shells whose scripts the interceptor reads, and Windows' (whose it does not). */
    private static final Set<String> SHELLS = union(ShellScript.SHELLS, Set.of("cmd", "powershell", "pwsh"));

    private final InstallCommandParser parser;

    InstallCallSites(InstallCommandParser parser) {
        this.parser = parser;
    }

    @Override
    public Verdict judge(CallerFacts caller) {
        for (String word : caller.commandWords()) {
            String tool = InstallCommandParser.toolName(word);
            if (parser.isInstaller(word)) {
                return Verdict.yes(tool);
            }
            if (tool.startsWith("python") && caller.strings().contains("pip")) {
                return Verdict.yes(tool + " -m pip");
            }
        }
        String mentioned = mentionedInstaller(caller);
        for (String word : caller.commandWords()) {
            if (SHELLS.contains(InstallCommandParser.toolName(word))) {
                String shell = InstallCommandParser.toolName(word);
                return mentioned == null ? Verdict.NO : Verdict.yes("maybe: " + mentioned + " through a shell ("
                        + shell + ")" + (ShellScript.SHELLS.contains(shell)
                                ? ", recognised at run time if the script is a simple command or an && chain"
                                : ", not recognised at run time"));
            }
        }
        if (!caller.commandWords().isEmpty()) {
            return Verdict.NO;
        }
        return Verdict.yes(mentioned != null ? "maybe: the method mentions " + mentioned
                + " but builds the command elsewhere" : "maybe: the command is not a constant in this method");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** A package manager named anywhere in the method's constants ("npm install --prefix", "npm"). */
    private String mentionedInstaller(CallerFacts caller) {
        for (String text : caller.strings()) {
            for (String word : text.toLowerCase(Locale.ROOT).split("[\\s;&|'\"]+")) {
                if (!word.isEmpty() && parser.isInstaller(word)) {
                    return InstallCommandParser.toolName(word);
                }
            }
        }
        return null;
    }
}
