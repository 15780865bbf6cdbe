package dev.baton.instrument;

/**
 * A method to intercept, named exactly: binary class name, method name and JVM descriptor, e.g.
 * {@code java.nio.file.Files#copy(Ljava/io/InputStream;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)J}.
 * A null descriptor means every overload of that name declared by the class; a descriptor that ends at ")" names
 * the parameters only, whatever the return type (user rules are written that way). Constructors are not supported.
 */
public record MethodTarget(String className, String methodName, String descriptor) {
    public MethodTarget {
        if (className == null || methodName == null || methodName.startsWith("<")) {
            throw new IllegalArgumentException("a class and a method name (no constructors) are required");
        }
    }

    public String internalClassName() {
        return className.replace('.', '/');
    }

    public boolean matches(String name, String desc) {
        return methodName.equals(name) && (descriptor == null || descriptor.equals(desc)
                || descriptor.endsWith(")") && desc.startsWith(descriptor));
    }

    @Override
    public String toString() {
        return className + "#" + methodName + (descriptor == null ? "(*)" : descriptor);
    }
}
