package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.baton.it.apps.StreamCopyApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * A late arrival (a process that was running before a peer published a target, and downloads it shortly after) may
 * take the peer's file only when it is what its own response holds. On main the identity was the URL alone: a
 * process whose response held version 2 of a resource, or the representation its Accept header asked for, reported
 * success ({@code Files.copy} returned its count) while the target kept the peer's version 1 (found by the download
 * review). Real agent, real child JVMs, a real HTTP server on 127.0.0.1 whose answer carries an ETag.
 */
class DownloadVersionTest {
    @TempDir
    Path work;
    private HttpServer server;
    private volatile String version = "v1";

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data", exchange -> {
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            boolean xml = accept != null && accept.contains("xml");
            byte[] body = (xml ? "<content version=\"" + version + "\"/>" : "content " + version)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"" + version + (xml ? "-xml" : "") + "\"");
            exchange.getResponseHeaders().add("Content-Type", xml ? "application/xml" : "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLateArrivalWhoseResponseHoldsANewerVersionWritesThatVersion() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("data.txt");
        RunningJvm late = start("late", target);
        fetch("first", target);
        assertEquals("content v1", Files.readString(target));
        version = "v2";
        RunningJvm.Result result = go(late);
        assertEquals("copied 10", result.stdout().lines().reduce((a, b) -> b).orElse(""), result.toString());
        assertEquals("content v2", Files.readString(target), result.toString());
    }

    @Test
    void aLateArrivalThatAskedForAnotherRepresentationWritesIt() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("data.txt");
        RunningJvm late = start("late-xml", target, "application/xml");
        fetch("first", target);
        RunningJvm.Result result = go(late);
        String expected = "<content version=\"v1\"/>";
        assertEquals("copied " + expected.length(), result.stdout().lines().reduce((a, b) -> b).orElse(""),
                result.toString());
        assertEquals(expected, Files.readString(target), result.toString());
    }

    /** Two processes of the same version at once still make one transfer's worth of sense: the same bytes. */
    @Test
    void aLateArrivalOfTheSameVersionGetsTheSameBytes() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("data.txt");
        RunningJvm late = start("same", target);
        fetch("first", target);
        RunningJvm.Result result = go(late);
        assertEquals("copied 10", result.stdout().lines().reduce((a, b) -> b).orElse(""), result.toString());
        assertEquals("content v1", Files.readString(target));
    }

    /**
     * A download that writes its target in place (HttpClient's ofFile) into a file with a second hard link must write
     * that file, as the JDK does: publishing by rename made a new file, and the other name kept the old bytes.
     */
    @Test
    void aTargetWithASecondHardLinkIsWrittenInPlace() throws Exception {
        Path target = Files.writeString(Files.createDirectories(work.resolve("store")).resolve("data.txt"), "old");
        Path alias = Files.createLink(work.resolve("store").resolve("alias.txt"), target);
        RunningJvm.Result result = child("linked").main(dev.baton.it.apps.HardLinkedDownloadApp.class.getName(),
                url(), target, alias).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("status 200\ntarget content v1\nalias content v1\none file true", result.stdout().strip(),
                result.toString());
    }

    private RunningJvm start(String name, Path target, String... accept) throws Exception {
        Object[] args = accept.length == 0 ? new Object[] {url(), target} : new Object[] {url(), target, accept[0]};
        RunningJvm jvm = child(name).main(StreamCopyApp.class.getName(), args).start();
        await().atMost(Duration.ofMinutes(1)).until(() -> jvm.stdout().lines().anyMatch("ready"::equals));
        return jvm;
    }

    private void fetch(String name, Path target) throws Exception {
        RunningJvm.Result result = go(start(name, target));
        assertEquals(0, result.exitCode(), result.toString());
    }

    private static RunningJvm.Result go(RunningJvm jvm) throws Exception {
        OutputStream stdin = jvm.process().getOutputStream();
        stdin.write('\n');
        stdin.flush();
        RunningJvm.Result result = jvm.awaitExit(60);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private ChildJvm child(String name) {
        return ChildJvm.on(Jdk.target(), work).named(name).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data";
    }
}
