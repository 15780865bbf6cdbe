package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Duration = from the first BUSY answer to success or giving up. */
@Name("baton.SqliteBusy")
@Label("Baton SQLite Busy")
@Description("SQLite answered SQLITE_BUSY and Baton retried where that is safe")
@Category({"Baton", "SQLite"})
@StackTrace(false)
@Registered(false)
public final class SqliteBusyEvent extends jdk.jfr.Event {
    @Label("Database")
    public String database;

    @Label("Statement")
    @Description("Statement text cut to 200 characters; parameter values are never recorded")
    public String statement;

    @Label("Attempts")
    public int attempts;

    @Label("Waited")
    @Timespan(Timespan.NANOSECONDS)
    public long waited;

    @Label("Outcome")
    public String outcome;
}
