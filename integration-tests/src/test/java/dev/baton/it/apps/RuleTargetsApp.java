package dev.baton.it.apps;

import java.nio.file.Path;

/**
 * A tool shaped as rules meet real ones: the method to lock is declared by a generic interface, implemented by a
 * class whose natural per-item key is a protected field of its superclass holding an object with a private field.
 * Usage: RuleTargetsApp JARFILE ITEM... (installs each item through the interface, prints "installed N").
 */
public final class RuleTargetsApp {
    private RuleTargetsApp() {
    }

    public interface Installer<T> {
        Path install(T item);
    }

    public static final class Context {
        private final String jarFile;

        Context(String jarFile) {
            this.jarFile = jarFile;
        }
    }

    public abstract static class Tool {
        protected final Context ctx;

        Tool(Context ctx) {
            this.ctx = ctx;
        }
    }

    public static class JarInstaller extends Tool implements Installer<String> {
        JarInstaller(Context ctx) {
            super(ctx);
        }

        @Override
        public Path install(String item) {
            return Path.of(item);
        }
    }

    public static void main(String[] args) {
        Installer<String> installer = new JarInstaller(new Context(args[0]));
        int installed = 0;
        for (int i = 1; i < args.length; i++) {
            installer.install(args[i]);
            installed++;
        }
        System.out.println("installed " + installed);
    }
}
