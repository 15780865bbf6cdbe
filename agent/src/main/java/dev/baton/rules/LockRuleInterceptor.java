package dev.baton.rules;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.core.Locks;
import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * action=lock: the method runs under the cross-process lock of its key. With {@code done}, the call is skipped when
 * the done file exists, checked before locking (the cache-hit path takes no lock) and again inside the lock (a peer
 * may have finished while we waited). With {@code coalesce}, a call that waited while a peer ran it for the same
 * key to the end is skipped; with {@code publish=argN}, the file the method writes appears in one rename
 * ({@link Publication}).
 */
final class LockRuleInterceptor implements Interceptor {
    private final Rule rule;
    private final Locks locks;

    LockRuleInterceptor(Rule rule, Locks locks) {
        this.rule = rule;
        this.locks = locks;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Path done = donePath(call);
        if (done != null && Files.exists(done)) {
            return skipped(call);
        }
        String key = rule.key() == null ? rule.name() : rule.key().evaluate(call.self(), call.arguments());
        try (Locks.Lease lease = locks.acquire(rule.lockScope(), key, rule.name(), rule.timeout(),
                rule.onTimeout())) {
            if (done != null && Files.exists(done)) {
                lease.markDone();
                return skipped(call);
            }
            if (rule.coalesce() && canSkip(call) && lease.peerCompletedWhileWaiting()) {
                // A peer ran this call for the same key while we waited: its result is ours (see the recipe's why).
                lease.markDone();
                return skipped(call);
            }
            Object result = rule.publish() < 0 ? call.proceed() : Publication.run(call, rule.publish());
            lease.markDone();
            return result;
        }
    }

    private Path donePath(Call call) throws ReflectiveOperationException {
        if (rule.done() == null) {
            return null;
        }
        char returnType = call.descriptor().charAt(call.descriptor().indexOf(')') + 1);
        if (returnType != 'V' && returnType != 'Z') {
            // Baton cannot invent another result: the rule is wrong for this method (reported once, call runs).
            throw new IllegalStateException(rule.name() + ": done needs a method returning void or boolean,"
                    + " not " + call.descriptor());
        }
        return Path.of(rule.done().evaluate(call.self(), call.arguments()));
    }

    /** Only a method returning nothing or a boolean can be skipped: Baton cannot invent another result. */
    private static boolean canSkip(Call call) {
        char returnType = call.descriptor().charAt(call.descriptor().indexOf(')') + 1);
        return returnType == 'V' || returnType == 'Z';
    }

    /** What a skipped call returns: nothing, or true ("it is there"). */
    private static Object skipped(Call call) {
        return call.descriptor().endsWith(")Z") ? Boolean.TRUE : null;
    }
}
