package dev.baton.sqlite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer queue inside one JVM, with a real queue file: who gets a place, when the process's turn is kept for the
 * next writer of this JVM and when it is handed back, and that no wait outlasts the writer's budget.
 */
class WriterQueueTest {
    private static final long CAP = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private WriterQueue queue() throws Exception {
        Path db = Files.createFile(dir.resolve("q.db"));
        ProcessTurn turn = ProcessTurn.open(db);
        assertNotNull(turn, "the queue file could not be opened");
        return new WriterQueue(db.toString(), turn);
    }

    @Test
    void aLoneWriterTakesTheTurnAndHandsItBackWhenDone() throws Exception {
        WriterQueue queue = queue();
        WriterQueue.Permit permit = queue.enter(Budget.known(1000, CAP));
        assertNotNull(permit);
        assertTrue(permit.hasTurn);
        assertTrue(queue.turnHeldHere());
        permit.leave();
        assertFalse(queue.turnHeldHere(), "nobody else here wants it: it goes back at once");
        assertTrue(Files.exists(dir.resolve("q.db" + ProcessTurn.SUFFIX)));
    }

    @Test
    void theTurnIsKeptForAWriterOfThisJvmAlreadyQueued() throws Exception {
        WriterQueue queue = queue();
        WriterQueue.Permit first = queue.enter(Budget.known(60_000, CAP));
        CompletableFuture<WriterQueue.Permit> second = CompletableFuture.supplyAsync(
                () -> queue.enter(Budget.known(60_000, CAP)));
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.queuedWriters() == 1);
        first.leave();
        WriterQueue.Permit next = second.get(30, TimeUnit.SECONDS);
        assertTrue(next.hasTurn);
        assertTrue(queue.turnHeldHere());
        next.leave();
        assertFalse(queue.turnHeldHere());
    }

    @Test
    void aQueuedWriterThatGaveUpLeavesNoTurnBehind() throws Exception {
        WriterQueue queue = queue();
        WriterQueue.Permit first = queue.enter(Budget.known(60_000, CAP));
        WriterQueue.Permit impatient = CompletableFuture.supplyAsync(() -> queue.enter(Budget.known(50, CAP)))
                .get(30, TimeUnit.SECONDS);
        assertNull(impatient, "its budget ran out: it goes ahead without a place");
        first.leave();
        assertFalse(queue.turnHeldHere(), "no writer of this JVM is left to use the turn");
    }

    @Test
    void aWriterThatMayNotWaitNeverWaits() throws Exception {
        WriterQueue queue = queue();
        WriterQueue.Permit first = queue.enter(Budget.known(60_000, CAP));
        assertNull(queue.enter(Budget.known(0, CAP)), "busy timeout 0 or a custom busy handler: no waiting");
        first.leave();
        WriterQueue.Permit free = queue.enter(Budget.known(0, CAP));
        assertNotNull(free, "a free place is taken without waiting");
        free.leave();
    }

    @Test
    void aProcessWhoseWritersComeBackSoonKeepsTheTurnUntilTheLingerEnds() throws Exception {
        Path db = Files.createFile(dir.resolve("l.db"));
        // A linger long enough that the next writer surely comes within it, however slow the machine.
        WriterQueue queue = new WriterQueue(db.toString(), ProcessTurn.open(db), TimeUnit.SECONDS.toNanos(2));
        queue.enter(Budget.known(1000, CAP)).leave();
        assertFalse(queue.turnHeldHere(), "no writer came back yet: nothing to linger for");
        WriterQueue.Permit soon = queue.enter(Budget.known(1000, CAP));
        soon.leave();
        assertTrue(queue.turnHeldHere(), "this writer came within the linger: the next one may too");
        WriterQueue.Permit again = queue.enter(Budget.known(1000, CAP));
        assertTrue(again.hasTurn, "the kept turn serves the next writer");
        again.leave();
        // Nobody comes: the keeper gives it back, with no writer of this JVM doing anything.
        await().atMost(Duration.ofSeconds(60)).until(() -> !queue.turnHeldHere());
    }
}
