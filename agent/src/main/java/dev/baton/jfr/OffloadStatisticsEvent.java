package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

@Name("baton.OffloadStatistics")
@Label("Baton Offload Statistics")
@Category({"Baton", "Offload"})
@Period("1 s")
@StackTrace(false)
public final class OffloadStatisticsEvent extends jdk.jfr.Event {
    @Label("Pool Size")
    public int poolSize;

    @Label("Active")
    public int active;

    @Label("Queued")
    public int queued;
}
