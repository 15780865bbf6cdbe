package dev.baton.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.scan.suggest.Suggester;
import dev.baton.scan.suggest.SuggestionReport;

/** {@code scan --suggest [--format=text|properties] [--output=FILE] PATH...}. */
final class SuggestOption {
    private SuggestOption() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        String format = "text";
        Path output = null;
        List<String> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--suggest")) {
                continue;
            } else if (arg.startsWith("--format=")) {
                format = arg.substring("--format=".length());
            } else if (arg.startsWith("--output=")) {
                output = Path.of(arg.substring("--output=".length()));
            } else if (arg.startsWith("--")) {
                err.println("baton scan: unknown option " + arg + "; expected --format=text|properties, --output=FILE");
                return 2;
            } else {
                paths.add(arg);
            }
        }
        if (!format.equals("text") && !format.equals("properties")) {
            err.println("baton scan: --format=" + format + ": expected text or properties");
            return 2;
        }
        if (paths.isEmpty()) {
            err.println("baton scan --suggest: name at least one jar or class directory");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            if (!Files.exists(Path.of(path))) {
                err.println("baton scan: no such file " + path);
                return 2;
            }
            files.add(Path.of(path));
        }
        // The output file is opened before the (possibly long) analysis, so a bad path fails at once.
        PrintStream target;
        try {
            target = output == null ? out
                    : new PrintStream(new FileOutputStream(output.toFile()), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("baton scan: cannot write " + output + " (" + e.getMessage() + ")");
            return 2;
        }
        long start = System.nanoTime();
        Suggester.Result result;
        try {
            result = new Suggester().suggest(files, hookedBy(HookCatalog.build(BatonConfig.load(null))));
        } catch (java.util.zip.ZipException notAJar) {
            err.println("baton scan: one of " + paths + " is not a jar, a .class file or a class directory ("
                    + notAJar.getMessage() + ")");
            if (output != null) {
                target.close();
            }
            return 2;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        try {
            if (format.equals("properties")) {
                SuggestionReport.properties(result, paths, target);
            } else {
                SuggestionReport.text(result, paths, millis, target);
            }
        } finally {
            if (output != null) {
                target.close();
                out.println("wrote " + result.suggestions().size() + " suggestion(s) to " + output);
            }
        }
        return 0;
    }

    /** Recipes and rules of this configuration already hook these methods: suggesting them again adds nothing. */
    private static Suggester.HookedBy hookedBy(HookCatalog catalog) {
        return (className, methodName, descriptor) -> {
            for (HookSpec spec : catalog.specs()) {
                if (spec.origin() != HookSpec.Origin.PRESET && spec.target().className().equals(className)
                        && spec.target().matches(methodName, descriptor)) {
                    return spec.label();
                }
            }
            return null;
        };
    }
}
