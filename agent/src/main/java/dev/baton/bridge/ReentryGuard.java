package dev.baton.bridge;

/**
 * Per-thread state that keeps interception from looping:
 * <ul>
 * <li>depth &gt; 0 while the thread runs Baton's own code: Baton's file and process calls are never intercepted;</li>
 * <li>a bypass token naming the hook whose original Baton is about to run: the prologue of that method lets the
 * original body run once, and other hooks inside it are still intercepted.</li>
 * </ul>
 */
public final class ReentryGuard {
    private static final int NO_HOOK = -1;

    private static final class State {
        int depth;
        int bypassHook = NO_HOOK;
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<State>() {
        @Override
        protected State initialValue() {
            return new State();
        }
    };

    private ReentryGuard() {
    }

    /** True when the current thread is inside Baton; the original call must then run untouched. */
    public static boolean isInside() {
        return STATE.get().depth > 0;
    }

    public static void enter() {
        STATE.get().depth++;
    }

    public static void exit() {
        STATE.get().depth--;
    }

    /**
     * Leaves Baton's code to run an original method body: returns the depth to hand back to {@link #resume}, and
     * arms the bypass for {@code hook} so its prologue lets the body run.
     */
    public static int suspendFor(int hook) {
        State state = STATE.get();
        int depth = state.depth;
        state.depth = 0;
        state.bypassHook = hook;
        return depth;
    }

    /**
     * Back in Baton's code after the original ran or failed. Returns true when the original body was entered (its
     * prologue spent the bypass token): an exception then came from the application's code, not from Baton's
     * plumbing around it.
     */
    public static boolean resume(int depth) {
        State state = STATE.get();
        boolean entered = state.bypassHook == NO_HOOK;
        state.depth = depth;
        state.bypassHook = NO_HOOK;
        return entered;
    }

    /** Called by the prologue: true (and the token is spent) when Baton itself is running this original. */
    static boolean consumeBypass(State state, int hook) {
        if (state.bypassHook == hook) {
            state.bypassHook = NO_HOOK;
            return true;
        }
        return false;
    }

    /** True when the prologue of {@code hook} must not intercept on this thread now. */
    static boolean mustNotIntercept(int hook) {
        State state = STATE.get();
        return consumeBypass(state, hook) || state.depth > 0;
    }
}
