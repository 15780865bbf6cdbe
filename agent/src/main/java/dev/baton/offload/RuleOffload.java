package dev.baton.offload;

import dev.baton.core.BatonContext;
import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * action=offload for a user rule: a virtual thread's call of the rule's method goes through the JVM's
 * {@link Offloader}, like the SQLite calls: it stays on its virtual thread and gets a carrier when it blocks
 * (managed blocking), or runs on the pool, in a lane of its own, while the virtual thread parks. Platform threads and
 * JDKs without virtual threads run it inline.
 */
public final class RuleOffload implements Interceptor {
    private final Offloader offloader;
    /** One instance per rule: the pool's lanes are told apart by identity. */
    private final String lane;

    private RuleOffload(Offloader offloader, String lane) {
        this.offloader = offloader;
        this.lane = lane;
    }

    public static Interceptor forRule(String ruleName, BatonContext context) {
        return new RuleOffload(OffloadFeature.offloader(context), "rule:" + ruleName);
    }

    @Override
    public boolean wants(Object self) {
        return VirtualThreads.isCurrentVirtual();
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        return offloader.run(call, lane, call.target().methodName());
    }
}
