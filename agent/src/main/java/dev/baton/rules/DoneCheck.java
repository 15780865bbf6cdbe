package dev.baton.rules;

import org.objectweb.asm.Type;

/**
 * Where {@code done} can apply: a skipped call must return what the method would, and Baton can only invent
 * "nothing" (void) or "it is there" (true). Shared by the lock interceptor and scan.
 */
public final class DoneCheck {
    private DoneCheck() {
    }

    /** @param descriptor the method's JVM descriptor */
    public static boolean applies(String descriptor) {
        char returnType = descriptor.charAt(descriptor.indexOf(')') + 1);
        return returnType == 'V' || returnType == 'Z';
    }

    /** The method's return type as Java writes it ("java.nio.file.Path"). */
    public static String returnType(String descriptor) {
        return Type.getReturnType(descriptor).getClassName();
    }
}
