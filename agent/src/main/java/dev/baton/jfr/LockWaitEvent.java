package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/** Duration = time spent waiting for the lock. */
@Name("baton.LockWait")
@Label("Baton Lock Wait")
@Description("Waiting for a Baton cross-process lock")
@Category({"Baton", "Locks"})
@StackTrace(false)
@Registered(false)
public final class LockWaitEvent extends jdk.jfr.Event {
    @Label("Scope")
    public String scope;

    @Label("Key")
    @Description("Lock key, redacted: user information and query strings removed")
    public String key;

    @Label("Purpose")
    public String purpose;

    @Label("Backend")
    public String backend;

    @Label("Contended")
    @Description("Another holder had the lock when the wait began")
    public boolean contended;

    @Label("Outcome")
    @Description("acquired, reentered, timeout-proceed, timeout-fail, unavailable-proceed, unavailable-fail (the lock"
            + " server stopped answering), interrupted or error")
    public String outcome;

    @Label("Holder PID")
    @Description("Process that held the lock when the wait began, 0 when unknown")
    public long holderPid;

    @Label("Holder Host")
    public String holderHost;

    @Label("Generation")
    @Description("Acquisition counter of this key after the wait")
    public long generation;
}
