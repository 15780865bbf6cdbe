package dev.baton.instrument.targets;

/** A tool's installer hierarchy as rules meet it: an interface, a generic method, a base class and overrides. */
public final class Installers {
    private Installers() {
    }

    /** Rules name this interface; javac gives implementations a bridge install(Object). */
    public interface Repository<T> {
        String install(T item);
    }

    public abstract static class Base {
        public String ensure(String name) {
            return "base " + name;
        }

        /** Inherited, never overridden: a rule naming Npm#version matches nothing declared in Npm. */
        public String version() {
            return "1";
        }
    }

    public static class Npm extends Base implements Repository<String> {
        @Override
        public String install(String item) {
            return "npm " + item;
        }

        @Override
        public String ensure(String name) {
            return "npm " + super.ensure(name);
        }
    }

    /** Implements the interface through its superclass only. */
    public static class Yarn extends Npm {
        @Override
        public String install(String item) {
            return "yarn " + item;
        }
    }
}
