package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** Duration = time the lock was held. */
@Name("baton.LockHold")
@Label("Baton Lock Hold")
@Description("A Baton cross-process lock was held")
@Category({"Baton", "Locks"})
@Threshold("10 ms")
@StackTrace(false)
@Registered(false)
public final class LockHoldEvent extends jdk.jfr.Event {
    @Label("Scope")
    public String scope;

    @Label("Key")
    public String key;

    @Label("Purpose")
    public String purpose;

    @Label("Backend")
    public String backend;

    @Label("Generation")
    public long generation;
}
