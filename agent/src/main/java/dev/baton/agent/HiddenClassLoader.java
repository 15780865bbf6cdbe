package dev.baton.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads Baton's runtime from the {@code inst/} folder of the agent jar, where classes are stored as
 * {@code .classdata} so that no other loader can find them.
 *
 * <p>The parent is the platform loader: the runtime sees java.sql and jdk.jfr but nothing of the application, and
 * the application sees nothing of it. Resources are looked up under {@code inst/} too, which is how the shaded
 * SLF4J finds Baton's logger through its relocated service file and the features are found through
 * {@code META-INF/services/dev.baton.core.Feature}.
 *
 * <p>Public for one reason: Baton's runtime opens its optional jars (baton-postgres.jar, laid out the same way) with
 * a loader of this kind whose parent is the runtime's own loader (see {@code dev.baton.lock.BackendJar}). It only
 * ever reads Baton's own layout, so the application gains nothing from seeing it.
 */
public final class HiddenClassLoader extends ClassLoader {
    private static final String HIDDEN = "inst/";
    private static final String OWN_PACKAGES = "dev.baton.";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;
    /** Whether a hidden class of this jar is defined without asking the parent first (see loadClass). */
    private final boolean ownFirst;

    HiddenClassLoader(Path jarPath) throws IOException {
        this("baton", jarPath, ClassLoader.getPlatformClassLoader(), true);
    }

    /** A loader of the hidden classes of {@code jarPath} that asks {@code parent} first. */
    public HiddenClassLoader(String name, Path jarPath, ClassLoader parent) throws IOException {
        this(name, jarPath, parent, false);
    }

    private HiddenClassLoader(String name, Path jarPath, ClassLoader parent, boolean ownFirst) throws IOException {
        super(name, parent);
        this.ownFirst = ownFirst;
        this.jar = new JarFile(jarPath.toFile(), false);
        this.jarUrl = jarPath.toUri().toString();
        this.domain = new ProtectionDomain(new CodeSource(jarPath.toUri().toURL(), (Certificate[]) null), null, this,
                null);
    }

    /**
     * The runtime's own classes are defined here without asking the platform loader first: it cannot know them
     * (they exist only as {@code inst/} entries of this jar), and each of its refusals is a ClassNotFoundException
     * with a filled stack trace, about 170 of them at every start. A loader whose parent is another Baton loader
     * (an optional backend jar) keeps asking the parent first, so a class both jars hold has one definition.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        // Every hidden class is Baton's (shaded libraries are relocated under dev.baton.shaded): a JDK class Baton's
        // code refers to is not looked up in the jar.
        JarEntry own = ownFirst && name.startsWith(OWN_PACKAGES)
                ? jar.getJarEntry(HIDDEN + name.replace('.', '/') + ".classdata") : null;
        if (own == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = define(name, own);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/');
        JarEntry entry = jar.getJarEntry(HIDDEN + path + ".classdata");
        if (entry == null) {
            // The bridge and entry classes are plain .class files; when Baton runs as a command line tool they are
            // not on the bootstrap path, so this loader defines its own copies.
            entry = jar.getJarEntry(path + ".class");
        }
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        return define(name, entry);
    }

    private Class<?> define(String name, JarEntry entry) throws ClassNotFoundException {
        byte[] bytes = read(entry);
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException concurrentlyDefined) {
                    // Another thread defined it first: fine.
                }
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        JarEntry entry = hiddenEntry(name);
        if (entry == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + entry.getName());
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        // Served straight from the open jar: no URL connection, no jar cache, no file handle per call.
        JarEntry entry = hiddenEntry(name);
        if (entry == null) {
            return super.getResourceAsStream(name);
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    private JarEntry hiddenEntry(String name) {
        if (name.endsWith(".class")) {
            String stem = name.substring(0, name.length() - ".class".length());
            JarEntry entry = jar.getJarEntry(HIDDEN + stem + ".classdata");
            return entry != null ? entry : jar.getJarEntry(name);
        }
        return jar.getJarEntry(HIDDEN + name);
    }

    private byte[] read(JarEntry entry) throws ClassNotFoundException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(entry.getName(), e);
        }
    }
}
