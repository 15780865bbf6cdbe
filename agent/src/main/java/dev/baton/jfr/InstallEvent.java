package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Duration = from the start request to the exit of the package manager. */
@Name("baton.Install")
@Label("Baton Install")
@Category({"Baton", "Installs"})
@StackTrace(false)
@Registered(false)
public final class InstallEvent extends jdk.jfr.Event {
    @Label("Command")
    public String command;

    @Label("Directory")
    public String directory;

    @Label("Wait")
    @Timespan(Timespan.NANOSECONDS)
    public long wait;

    /** The directory's lock was held by another install when this one asked: Baton made it wait its turn. */
    @Label("Waited For Another")
    public boolean contended;

    @Label("Exit Code")
    public int exitCode;
}
