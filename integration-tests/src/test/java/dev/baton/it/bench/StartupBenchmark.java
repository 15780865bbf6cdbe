package dev.baton.it.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.baton.it.apps.CliLikeApp;
import dev.baton.it.apps.HelloApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.tools.ToolArtifacts;

/**
 * What Baton adds to the start of a short-lived JVM, in wall-clock and CPU time: the median of {@value #RUNS}
 * runs with and {@value #RUNS} without the agent, interleaved so that drift of a shared machine hits both sides
 * alike, per JDK (17, 25). Four programs:
 * <ul>
 * <li>{@code hello}: a hello-world class;</li>
 * <li>{@code cli}: a short command-line tool from a jar ({@link CliLikeApp}): settings file, cache check, one line;</li>
 * <li>{@code wrapper}: Apache Maven Wrapper 3.3.4 {@code MavenWrapperMain --version} with Maven 3.9.9 already
 * installed (a recipe of Baton's rewrites the wrapper's classes as they load);</li>
 * <li>{@code mvn}: Apache Maven 3.9.9 {@code mvn --version}, the agent in {@code MAVEN_OPTS}.</li>
 * </ul>
 * CPU is the user and system time of the process and its children ({@code bash}'s {@code times}); goal: at most
 * +150 ms of each for {@code cli} and {@code wrapper} on JDK 17 and 25. The load average is printed with the
 * figures: on a shared machine they are indicative only.
 */
final class StartupBenchmark implements Benchmarks.Benchmark {
    private static final int RUNS = Integer.getInteger("bench.startup.runs", 21);

    /** One measured process: wall-clock and CPU milliseconds. */
    private record Run(double wallMs, double cpuMs) {
    }

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("baton-bench-startup");
        Path cliJar = cliJar(work);
        Path settings = Files.writeString(work.resolve("tool.properties"),
                "name=tool\nversion=1.4.2\ncache=" + work.resolve("cache") + "\n");
        Path wrapperProject = wrapperProject(work);
        Path userHome = work.resolve("m2");
        System.out.println("load average at start: " + loadAverage());
        for (int feature : new int[] {17, 25}) {
            Optional<Jdk> found = Jdk.find(feature);
            if (found.isEmpty()) {
                System.out.println("JDK " + feature + " not found: skipped");
                continue;
            }
            Jdk jdk = found.get();
            String agent = "-javaagent:" + Artifacts.agentJar() + "=lock.dir=" + work.resolve("locks");
            installWrapperDistribution(jdk, wrapperProject, userHome, work);
            Map<String, List<String>> programs = new LinkedHashMap<>();
            programs.put("hello", List.of(jdk.java().toString(), "-cp", Artifacts.testClasses(),
                    HelloApp.class.getName()));
            programs.put("cli", List.of(jdk.java().toString(), "-jar", cliJar.toString(), settings.toString()));
            programs.put("wrapper", wrapperCommand(jdk, wrapperProject));
            programs.put("mvn", List.of(ToolArtifacts.mavenHome().resolve("bin/mvn").toString(), "--version"));
            for (Map.Entry<String, List<String>> program : programs.entrySet()) {
                String name = program.getKey();
                boolean viaMavenOpts = name.equals("mvn");
                Map<String, String> env = new LinkedHashMap<>();
                env.put("JAVA_HOME", jdk.java().getParent().getParent().toString());
                env.put("MAVEN_USER_HOME", userHome.toString());
                double[] wallWithout = new double[RUNS];
                double[] wallWith = new double[RUNS];
                double[] cpuWithout = new double[RUNS];
                double[] cpuWith = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    Run without = measure(program.getValue(), env, null, viaMavenOpts, work);
                    Run with = measure(program.getValue(), env, agent, viaMavenOpts, work);
                    wallWithout[i] = without.wallMs();
                    cpuWithout[i] = without.cpuMs();
                    wallWith[i] = with.wallMs();
                    cpuWith[i] = with.cpuMs();
                }
                double wall = Stats.median(wallWith) - Stats.median(wallWithout);
                double cpu = Stats.median(cpuWith) - Stats.median(cpuWithout);
                System.out.printf("JDK %d %-7s wall %s -> %s ms (%+.0f), cpu %s -> %s ms (%+.0f), median of %d%n",
                        feature, name, Stats.ms(Stats.median(wallWithout)), Stats.ms(Stats.median(wallWith)), wall,
                        Stats.ms(Stats.median(cpuWithout)), Stats.ms(Stats.median(cpuWith)), cpu, RUNS);
                String prefix = "jdk" + feature + "_" + name + "_";
                figures.put(prefix + "wall_ms", Stats.ms(Stats.median(wallWithout)) + "/"
                        + Stats.ms(Stats.median(wallWith)));
                figures.put(prefix + "wall_overhead_ms", Stats.ms(wall));
                figures.put(prefix + "cpu_overhead_ms", Stats.ms(cpu));
            }
        }
        figures.put("load", loadAverage().split(" ")[0]);
        System.out.println("load average at end: " + loadAverage());
        return figures;
    }

    /** Runs the program once through bash, whose {@code times} reports the CPU time of everything it started. */
    private static Run measure(List<String> program, Map<String, String> env, String agent, boolean viaMavenOpts,
            Path work) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>&1 || exit 70; times",
                "bash"));
        if (agent != null && !viaMavenOpts) {
            command.add(program.get(0));
            command.add(agent);
            command.addAll(program.subList(1, program.size()));
        } else {
            command.addAll(program);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().putAll(env);
        if (agent != null && viaMavenOpts) {
            builder.environment().put("MAVEN_OPTS", agent);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command + "\n" + output);
        }
        double wall = (System.nanoTime() - start) / 1e6;
        // times prints the shell's own user/system times, then its children's: "0m0.212s 0m0.031s".
        String[] children = output.strip().lines().reduce((first, second) -> second).orElse("").split("\\s+");
        return new Run(wall, seconds(children[0]) * 1000 + seconds(children[1]) * 1000);
    }

    private static double seconds(String minutesAndSeconds) {
        int m = minutesAndSeconds.indexOf('m');
        return Integer.parseInt(minutesAndSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesAndSeconds.substring(m + 1, minutesAndSeconds.length() - 1));
    }

    /** CliLikeApp in a jar of its own with a Main-Class, run as {@code java -jar}. */
    private static Path cliJar(Path work) throws IOException {
        Path jar = work.resolve("tool.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CliLikeApp.class.getName());
        String entry = CliLikeApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(Path.of(Artifacts.testClasses()).resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }

    private static Path wrapperProject(Path work) throws IOException {
        Path project = Files.createDirectories(work.resolve("wrapper-project/.mvn/wrapper")).getParent().getParent();
        Files.copy(ToolArtifacts.file("maven-wrapper-3.3.4.jar"), project.resolve(".mvn/wrapper/maven-wrapper.jar"));
        return project;
    }

    private static List<String> wrapperCommand(Jdk jdk, Path project) {
        return List.of(jdk.java().toString(), "-Dmaven.multiModuleProjectDirectory=" + project, "-cp",
                project.resolve(".mvn/wrapper/maven-wrapper.jar").toString(),
                "org.apache.maven.wrapper.MavenWrapperMain", "--version");
    }

    /** One unmeasured wrapper run that installs Maven 3.9.9 from a server on 127.0.0.1: later runs find it. */
    private static void installWrapperDistribution(Jdk jdk, Path project, Path userHome, Path work)
            throws IOException, InterruptedException {
        byte[] zip = Files.readAllBytes(ToolArtifacts.mavenDistributionZip());
        try (CountingHttpServer server = new CountingHttpServer(zip, Integer.MAX_VALUE)) {
            Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), "wrapperVersion=3.3.4\n"
                    + "distributionType=bin\ndistributionUrl=" + server.uri("/maven2/org/apache/maven/apache-maven/"
                    + ToolArtifacts.MAVEN_VERSION + "/apache-maven-" + ToolArtifacts.MAVEN_VERSION + "-bin.zip")
                    + "\n");
            Map<String, String> env = Map.of("MAVEN_USER_HOME", userHome.toString(),
                    "JAVA_HOME", jdk.java().getParent().getParent().toString());
            measure(wrapperCommand(jdk, project), env, null, false, work);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
