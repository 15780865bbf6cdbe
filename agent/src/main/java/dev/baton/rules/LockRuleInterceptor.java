package dev.baton.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import dev.baton.log.BatonLog;

import dev.baton.core.Locks;
import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * action=lock: the method runs under the cross-process lock of its key. With {@code done}, the call is skipped when
 * the done file exists, checked before locking (the cache-hit path takes no lock) and again inside the lock (a peer
 * may have finished while we waited). With {@code coalesce}, a call that waited while a peer ran it for the same
 * key to the end is skipped; with {@code publish=argN}, the file the method writes appears in one rename
 * ({@link Publication}).
 *
 * <p>A rule that is partly wrong for a method still locks it, never leaves it unprotected: a key that cannot be
 * evaluated falls back to the rule's one key (every call of the rule then waits for the others), and a {@code done}
 * that cannot apply (the method returns something Baton cannot invent) or cannot be evaluated is ignored. Each is
 * said once per rule and method.
 */
final class LockRuleInterceptor implements Interceptor {
    private static final Logger LOG = BatonLog.get();

    private final Rule rule;
    private final Locks locks;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

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
        String key = key(call);
        // A fallback key is not the work's identity: never skip a call because a peer finished under it.
        boolean keyIsIdentity = key != null;
        try (Locks.Lease lease = locks.acquire(rule.lockScope(), keyIsIdentity ? key : rule.wideKey(), rule.name(),
                rule.timeout(), rule.onTimeout())) {
            if (done != null && Files.exists(done)) {
                lease.markDone();
                return skipped(call);
            }
            if (rule.coalesce() && keyIsIdentity && canSkip(call) && lease.peerCompletedWhileWaiting()) {
                // A peer ran this call for the same key to success while we waited: its result is ours.
                lease.markDone();
                return skipped(call);
            }
            Object result = rule.publish() < 0 ? call.proceed() : Publication.run(call, rule.publish());
            if (succeeded(call, result)) {
                lease.markDone();
            }
            return result;
        }
    }

    /**
     * The lock key of this call: the rule's one key when it has no key expression, null when the expression cannot
     * be read (the caller then locks the rule's one key and never coalesces).
     */
    private String key(Call call) {
        if (rule.key() == null) {
            return rule.wideKey();
        }
        try {
            return rule.key().evaluate(call.self(), call.arguments());
        } catch (Exception | LinkageError e) {
            sayOnce(call, "key", "{}: key '{}' cannot be evaluated for {} ({}); its calls lock one key for the whole"
                    + " rule instead{}", rule.name(), rule.spec().setting("key"), where(call), e.toString(),
                    rule.coalesce() ? " and are never coalesced" : "");
            return null;
        }
    }

    /** The done file of this call, or null when the rule has none or it cannot apply here. */
    private Path donePath(Call call) {
        if (rule.done() == null) {
            return null;
        }
        if (!DoneCheck.applies(call.descriptor())) {
            sayOnce(call, "done", "{}: done is ignored for {}: it returns {}, and a skipped call could only return"
                    + " nothing or true; the method still runs under the lock", rule.name(), where(call),
                    DoneCheck.returnType(call.descriptor()));
            return null;
        }
        try {
            return Path.of(rule.done().evaluate(call.self(), call.arguments()));
        } catch (Exception | LinkageError e) {
            sayOnce(call, "done", "{}: done '{}' cannot be evaluated for {} ({}); it is ignored and the method runs"
                    + " under the lock", rule.name(), rule.spec().setting("done"), where(call), e.toString());
            return null;
        }
    }

    private void sayOnce(Call call, String what, String message, Object... arguments) {
        if (said.add(what + " " + where(call))) {
            LOG.warn(message, arguments);
        }
    }

    private static String where(Call call) {
        Object self = call.self();
        String owner = self != null ? self.getClass().getName() : call.target().className();
        return owner + "#" + call.target().methodName() + call.descriptor();
    }

    /** Only a method returning nothing or a boolean can be skipped: Baton cannot invent another result. */
    private static boolean canSkip(Call call) {
        return DoneCheck.applies(call.descriptor());
    }

    /**
     * Whether the call's own result says its work is done, so that waiters may skip theirs: a normal return, except
     * a boolean method's false ("it is not there"), which a waiter must not turn into its own true.
     */
    private static boolean succeeded(Call call, Object result) {
        return !call.descriptor().endsWith(")Z") || Boolean.TRUE.equals(result);
    }

    /** What a skipped call returns: nothing, or true ("it is there"). */
    private static Object skipped(Call call) {
        return call.descriptor().endsWith(")Z") ? Boolean.TRUE : null;
    }
}
