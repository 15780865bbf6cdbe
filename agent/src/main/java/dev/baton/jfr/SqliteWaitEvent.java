package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * Duration = from the transaction's first statement asking for the write lock until the transaction began (or
 * Baton gave up). A wait SQLite absorbed in its busy handler answers no BUSY, so without this event the waits Baton
 * arranged (lazy BEGIN IMMEDIATE, the in-process queue) would not show anywhere.
 */
@Name("baton.SqliteWait")
@Label("Baton SQLite Write Wait")
@Description("A write transaction waited for the database's write lock before its first statement; begun "
        + "IMMEDIATE, it could no longer fail with SQLITE_BUSY halfway")
@Category({"Baton", "SQLite"})
@Threshold("1 ms")
@StackTrace(false)
@Registered(false)
public final class SqliteWaitEvent extends jdk.jfr.Event {
    @Label("Database")
    public String database;

    @Label("Queued")
    @Description("Part of the wait spent in Baton's writer queue, behind this process's other writers and other Baton "
            + "processes")
    @Timespan(Timespan.NANOSECONDS)
    public long queued;

    @Label("Outcome")
    @Description("began, busy (gave up: the application got SQLITE_BUSY) or deferred (began the driver's way)")
    public String outcome;
}
