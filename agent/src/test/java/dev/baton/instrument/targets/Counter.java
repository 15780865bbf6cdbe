package dev.baton.instrument.targets;

/** A base method with a subclass override that calls super: the original must run once, not re-dispatch. */
public class Counter {
    public int calls;

    public int tick() {
        return ++calls;
    }

    public static class Loud extends Counter {
        public int loudCalls;

        @Override
        public int tick() {
            loudCalls++;
            return super.tick();
        }
    }
}
