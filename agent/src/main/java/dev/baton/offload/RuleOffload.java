package dev.baton.offload;

import dev.baton.core.BatonContext;
import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * action=offload for a user rule: a virtual thread's call of the rule's method runs on the shared offload pool (one
 * lane per rule, served fairly with the databases' lanes) while the virtual thread parks. Platform threads and JDKs
 * without virtual threads run it inline.
 */
public final class RuleOffload implements Interceptor {
    private final OffloadPool pool;
    private final String lane;

    private RuleOffload(OffloadPool pool, String lane) {
        this.pool = pool;
        this.lane = lane;
    }

    public static Interceptor forRule(String ruleName, BatonContext context) {
        return new RuleOffload(OffloadFeature.pool(context), "rule:" + ruleName);
    }

    @Override
    public boolean wants(Object self) {
        return VirtualThreads.isCurrentVirtual();
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        return pool.run(call, lane, call.target().methodName());
    }
}
