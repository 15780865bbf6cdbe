package dev.baton.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Sits in front of Byte Buddy: a class is handed over only if its name is one Baton rewrites. Every other class
 * the JVM loads costs one hash lookup, so Baton adds nothing measurable to class loading.
 */
final class NameFilter implements ClassFileTransformer {
    private final Set<String> internalNames;
    private final ClassFileTransformer delegate;

    NameFilter(Set<String> internalNames, ClassFileTransformer delegate) {
        this.internalNames = internalNames;
        this.delegate = delegate;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfileBuffer) throws IllegalClassFormatException {
        if (className == null || !internalNames.contains(className)) {
            return null;
        }
        return delegate.transform(module, loader, className, classBeingRedefined, domain, classfileBuffer);
    }
}
