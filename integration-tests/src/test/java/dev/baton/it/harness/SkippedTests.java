package dev.baton.it.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's last step ({@code exec:java} in integration-tests' verify phase, inside Maven's own JVM): prints every
 * test this build skipped, with its reason, read from the Surefire reports of every module. Surefire's console shows
 * only counts, and a skipped test must never pass for a run one.
 *
 * <p>Only reports written since Maven started count, so stale reports of a module this build did not run are left
 * out.
 */
public final class SkippedTests {
    private SkippedTests() {
    }

    /** A group of skipped tests: one class, one reason, in one module's report directory. */
    private record Group(String where, String testClass, String reason) implements Comparable<Group> {
        @Override
        public int compareTo(Group other) {
            return (where + '\0' + testClass + '\0' + reason)
                    .compareTo(other.where + '\0' + other.testClass + '\0' + other.reason);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        long since = ManagementFactory.getRuntimeMXBean().getStartTime();
        Map<Group, List<String>> skipped = new TreeMap<>();
        int reports = 0;
        for (Path report : reports(root, since)) {
            reports++;
            collect(root, report, skipped);
        }
        if (reports == 0) {
            return;
        }
        int count = skipped.values().stream().mapToInt(List::size).sum();
        StringBuilder out = new StringBuilder();
        out.append("Skipped tests: ").append(count == 0 ? "none" : Integer.toString(count)).append('\n');
        skipped.forEach((group, methods) -> out.append("  ").append(group.where()).append("  ")
                .append(simpleName(group.testClass())).append('.').append(String.join(", ", methods))
                .append(": ").append(group.reason()).append('\n'));
        System.out.print(out);
        System.out.flush();
    }

    /** TEST-*.xml under MODULE/target/surefire-reports* written after {@code since}. */
    private static List<Path> reports(Path root, long since) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.find(root, 4, (path, attributes) -> path.getFileName().toString()
                .matches("TEST-.*\\.xml") && path.getParent().getFileName().toString().startsWith("surefire-reports")
                && attributes.lastModifiedTime().toMillis() >= since)) {
            files.sorted().forEach(found::add);
        }
        return found;
    }

    private static void collect(Path root, Path report, Map<Group, List<String>> skipped) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(report.toFile());
        // "agent", "integration-tests (JDK 25 leg)": the module, and the leg when the directory names one.
        Path reportDir = report.getParent();
        String module = root.relativize(reportDir.getParent().getParent()).toString();
        String leg = reportDir.getFileName().toString().replaceFirst("^surefire-reports-?", "");
        String where = leg.isEmpty() ? module : module + " (" + leg.replace("jdk", "JDK ") + " leg)";
        NodeList cases = document.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            NodeList skips = testCase.getElementsByTagName("skipped");
            if (skips.getLength() == 0) {
                continue;
            }
            Group group = new Group(where, testCase.getAttribute("classname"), reason((Element) skips.item(0)));
            skipped.computeIfAbsent(group, g -> new ArrayList<>()).add(testCase.getAttribute("name"));
        }
    }

    /**
     * A disabled test's reason is the element's message; an aborted one (a failed assumption) has only the stack
     * trace as text, whose first line carries the message.
     */
    private static String reason(Element skipped) {
        String reason = skipped.getAttribute("message");
        if (reason.isBlank()) {
            reason = skipped.getTextContent().strip().lines().findFirst().orElse("")
                    .replaceFirst("^[\\w.$]+(Exception|Error): ", "").replaceFirst("^Assumption failed: ", "");
        }
        return reason.isBlank() ? "(no reason given)" : reason.strip();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
