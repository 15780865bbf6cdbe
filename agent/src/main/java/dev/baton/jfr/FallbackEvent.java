package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

@Name("baton.Fallback")
@Label("Baton Fallback")
@Description("Baton failed inside an instrumented call and ran the original call unchanged")
@Category({"Baton", "Health"})
@StackTrace(true)
@Registered(false)
public final class FallbackEvent extends jdk.jfr.Event {
    @Label("Site")
    @Description("The instrumented call or Baton component that failed")
    public String site;

    @Label("Exception")
    public String exception;

    @Label("Message")
    public String message;
}
