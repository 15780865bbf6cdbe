package dev.baton.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

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
        BatonConfig config = BatonConfig.load(null);
        HookCatalog catalog = HookCatalog.build(config);
        catalog.problems().forEach(config::addProblem);
        List<ScanTarget> rewrites = new ArrayList<>();
        List<ScanTarget> calls = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            CallSiteJudge judge = feature.callSites(config);
            for (HookSpec spec : catalog.specsOf(feature)) {
                rewrites.add(new ScanTarget(spec.label(), spec.target()));
                calls.add(new ScanTarget(spec.label(), spec.target(), judge));
            }
            for (MethodTarget target : feature.entryPoints()) {
                calls.add(new ScanTarget(feature.name(), target, judge));
            }
        }
        for (Problem problem : config.problems()) {
            err.println("error: " + problem.message());
        }
        Scanner scanner = new Scanner(rewrites, calls);
        int found = 0;
        for (String arg : args) {
            Path path = Path.of(arg);
            if (!Files.exists(path)) {
                err.println("baton scan: no such file " + path);
                return 2;
            }
            List<Finding> findings;
            try {
                findings = scanner.scan(path);
            } catch (ZipException notAJar) {
                err.println("baton scan: " + path + " is not a jar, a .class file or a class directory ("
                        + notAJar.getMessage() + ")");
                return 2;
            } catch (IOException unreadable) {
                err.println("baton scan: cannot read " + path + ": " + unreadable);
                return 2;
            }
            for (Finding finding : findings) {
                out.println(finding);
                found++;
            }
        }
        out.println(found + " place(s) in " + scanner.classCount() + " classes");
        return config.problems().isEmpty() ? 0 : 2;
    }
}
