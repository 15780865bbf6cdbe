package dev.baton.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fake "driver" method {@link #query} is called on this thread (as the application would) and its body runs on
 * another thread (as on the pool); the stitched trace must equal the trace of a direct call, line numbers aside.
 */
class CallerStackTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final String self = CallerStackTest.class.getName();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void theTraceReadsAsIfTheCallHadRunOnTheCaller() throws Exception {
        SQLException direct = applicationCallsQuery(false);
        SQLException offloaded = applicationCallsQuery(true);

        assertArrayEquals(methods(direct), methods(offloaded));
        assertEquals("failingBody", offloaded.getStackTrace()[0].getMethodName());
        assertEquals("applicationCallsQuery", offloaded.getStackTrace()[2].getMethodName());
    }

    @Test
    void withoutTheHookedFrameTheTraceIsLeftAlone() {
        SQLException failure = new SQLException("x");
        StackTraceElement[] before = failure.getStackTrace();
        CallerStack.stitch(failure, self, "noSuchMethod");
        assertArrayEquals(before, failure.getStackTrace());
    }

    private SQLException applicationCallsQuery(boolean offload) throws Exception {
        try {
            query(offload);
            throw new AssertionError("query must fail");
        } catch (SQLException e) {
            return e;
        }
    }

    /** The hooked method: its prologue hands the body to the pool, the caller rethrows the body's exception. */
    private void query(boolean offload) throws Exception {
        if (!offload) {
            failingBody();
            return;
        }
        Future<?> result = pool.submit(() -> {
            query(false);
            return null;
        });
        try {
            result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            SQLException failure = (SQLException) e.getCause();
            CallerStack.stitch(failure, self, "query");
            assertSame(failure, e.getCause());
            throw failure;
        }
    }

    private static void failingBody() throws SQLException {
        throw new SQLException("boom", "HY000", 1);
    }

    private static String[] methods(Throwable t) {
        return Arrays.stream(t.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName())
                .toArray(String[]::new);
    }
}
