package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

@Name("baton.OffloadStatistics")
@Label("Baton Offload Statistics")
@Category({"Baton", "Offload"})
@Period("1 s")
@StackTrace(false)
@Registered(false)
public final class OffloadStatisticsEvent extends jdk.jfr.Event {
    @Label("Mode")
    @Description("managed: calls run on their virtual thread and blocked ones get a carrier; pool: calls run on"
            + " Baton's platform threads")
    public String mode;

    @Label("Threads")
    @Description("Threads Baton adds now: carriers added to the virtual-thread scheduler, or pool threads")
    public int threads;

    @Label("Running")
    @Description("Blocking calls running")
    public int running;

    @Label("Queued")
    @Description("Calls waiting for a pool thread (always 0 in managed mode)")
    public int queued;
}
