package dev.baton.scan.suggest;

import org.objectweb.asm.Type;

/** A method by internal class name, name and descriptor. */
record MethodRef(String owner, String name, String desc) {
    /** {@code org.apache.maven.wrapper.Installer#createDist(org.apache.maven.wrapper.WrapperConfiguration)}: the
     *  rule syntax (parameters without return type, nested classes with '$'). */
    String ruleSignature() {
        StringBuilder text = new StringBuilder(owner.replace('/', '.')).append('#').append(name).append('(');
        Type[] parameters = Type.getArgumentTypes(desc);
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ",").append(parameters[i].getClassName());
        }
        return text.append(')').toString();
    }

    /** {@code Installer#createDist}: short, for reasons. */
    String shortName() {
        return Origin.simpleName(owner) + "#" + name;
    }

    @Override
    public String toString() {
        return owner.replace('/', '.') + "#" + name + desc;
    }
}
