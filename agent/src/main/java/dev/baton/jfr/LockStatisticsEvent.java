package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

@Name("baton.LockStatistics")
@Label("Baton Lock Statistics")
@Category({"Baton", "Locks"})
@Period("1 s")
@StackTrace(false)
@Registered(false)
public final class LockStatisticsEvent extends jdk.jfr.Event {
    @Label("Backend")
    public String backend;

    @Label("Held")
    public int held;

    @Label("Waiting")
    public int waiting;
}
