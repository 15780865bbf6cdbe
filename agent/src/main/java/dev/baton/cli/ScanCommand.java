package dev.baton.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import dev.baton.config.BatonConfig;
import dev.baton.config.Problem;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.instrument.MethodTarget;
import dev.baton.scan.CallSiteJudge;
import dev.baton.scan.Finding;
import dev.baton.scan.ScanTarget;
import dev.baton.scan.Scanner;

/** Lists, without running the application, every method and call site that presets and rules would rewrite. */
final class ScanCommand implements Command {
    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String usage() {
        return "[--suggest [--format=text|properties] [--output=FILE]] PATH... (jars, class directories)";
    }

    @Override
    public String summary() {
        return "list the methods and call sites Baton would rewrite (rules from baton.* settings); with --suggest,"
                + " find check-then-act races and print lock rules for them";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--suggest")) {
            return SuggestOption.run(args, out, err);
        }
        if (args.isEmpty()) {
            err.println("baton scan: name at least one jar or class directory");
            return 2;
        }
        for (String arg : args) {
            if (arg.startsWith("--")) { // Checked before any jar is read: an option is never taken for a file name.
                err.println("baton scan: " + arg + (arg.startsWith("--format") || arg.startsWith("--output")
                        ? " belongs to scan --suggest" : " is not an option of scan") + "; usage: scan " + usage());
                return 2;
            }
        }
        BatonConfig config = BatonConfig.load(null);
        HookCatalog catalog = HookCatalog.build(config);
        catalog.problems().forEach(config::addProblem);
        List<ScanTarget> rewrites = new ArrayList<>();
        List<ScanTarget> calls = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            CallSiteJudge judge = feature.callSites(config);
            for (HookSpec spec : catalog.specsOf(feature)) {
                ScanTarget target = new ScanTarget(spec.label(), spec.target(), judge, spec.matchesSubtypes(),
                        spec.setting("key"), spec.setting("done"));
                rewrites.add(target);
                calls.add(target);
            }
            for (MethodTarget target : feature.entryPoints()) {
                calls.add(new ScanTarget(feature.name(), target, judge, false, null, null));
            }
        }
        for (Problem problem : config.problems()) {
            err.println("error: " + problem.message());
        }
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (!Files.exists(path)) {
                err.println("baton scan: no such file " + path);
                return 2;
            }
            String unreadable = unreadable(path);
            if (unreadable != null) {
                err.println("baton scan: " + unreadable);
                return 2;
            }
            paths.add(path);
        }
        Scanner scanner = new Scanner(rewrites, calls);
        List<Finding> findings;
        try {
            findings = scanner.scan(paths);
        } catch (IOException unreadable) {
            err.println("baton scan: cannot read: " + unreadable);
            return 2;
        }
        findings.forEach(out::println);
        out.println(findings.size() + " place(s) in " + scanner.classCount() + " classes");
        return config.problems().isEmpty() ? 0 : 2;
    }

    /** Why a path cannot be scanned (checked before anything is printed), or null. */
    private static String unreadable(Path path) {
        if (Files.isDirectory(path) || path.toString().endsWith(".class")) {
            return null;
        }
        try (ZipFile jar = new ZipFile(path.toFile())) {
            return null;
        } catch (ZipException notAJar) {
            return path + " is not a jar, a .class file or a class directory (" + notAJar.getMessage() + ")";
        } catch (IOException e) {
            return "cannot read " + path + ": " + e;
        }
    }
}
