package dev.baton.instrument;

import java.util.List;

/**
 * Several hooks on one method (e.g. SQLite retry and virtual-thread offload on the same statement method) run as a
 * chain: the first interceptor's proceed() enters the second, and the last one runs the original. Hooks keep the
 * order in which features were started.
 */
final class InterceptorChain implements Interceptor {
    private final List<Interceptor> interceptors;

    InterceptorChain(List<Interceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    static Hook of(List<Hook> hooks) {
        if (hooks.size() == 1) {
            return hooks.get(0);
        }
        StringBuilder labels = new StringBuilder();
        Interceptor[] chain = new Interceptor[hooks.size()];
        for (int i = 0; i < hooks.size(); i++) {
            labels.append(i == 0 ? "" : "+").append(hooks.get(i).label());
            chain[i] = hooks.get(i).interceptor();
        }
        return new Hook(labels.toString(), hooks.get(0).target(), new InterceptorChain(List.of(chain)));
    }

    @Override
    public boolean wants(Object self) {
        for (Interceptor interceptor : interceptors) {
            if (interceptor.wants(self)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        return from(0, call, call.arguments());
    }

    /** Runs the first interested interceptor from {@code index} on, or the original when none is left. */
    private Object from(int index, Call base, Object[] arguments) throws Throwable {
        for (int i = index; i < interceptors.size(); i++) {
            if (interceptors.get(i).wants(base.self())) {
                return interceptors.get(i).intercept(new Link(base, arguments, i + 1));
            }
        }
        return base.proceedWith(arguments);
    }

    /** The call as one link sees it: its arguments may have been replaced further up; proceeding enters the rest. */
    private final class Link implements Call {
        private final Call base;
        private final Object[] arguments;
        private final int next;

        Link(Call base, Object[] arguments, int next) {
            this.base = base;
            this.arguments = arguments;
            this.next = next;
        }

        @Override
        public Object self() {
            return base.self();
        }

        @Override
        public Object[] arguments() {
            return arguments;
        }

        @Override
        public MethodTarget target() {
            return base.target();
        }

        @Override
        public String descriptor() {
            return base.descriptor();
        }

        @Override
        public Object proceed() throws Throwable {
            return from(next, base, arguments);
        }

        @Override
        public Object proceedWith(Object[] newArguments) throws Throwable {
            return from(next, base, newArguments);
        }
    }
}
