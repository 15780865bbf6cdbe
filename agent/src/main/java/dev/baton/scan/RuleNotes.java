package dev.baton.scan;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Type;

import dev.baton.instrument.ClassShape;
import dev.baton.rules.DoneCheck;
import dev.baton.rules.KeyExpressions;

/**
 * What scan says about a rule on one method it rewrites, the same things the agent says once at run time: a
 * {@code @CallerSensitive} method is refused, a {@code done} that cannot apply is ignored, a key or done that reads a
 * member the scanned classes do not have cannot be evaluated (the key falls back to one lock for the whole rule).
 * Members of classes outside the scanned jars are not judged.
 */
final class RuleNotes {
    private RuleNotes() {
    }

    static List<String> of(ScanTarget target, String className, ClassShape.Method method, TypeIndex index) {
        List<String> notes = new ArrayList<>();
        if (method.callerSensitive()) {
            notes.add("refused: @CallerSensitive, not rewritten");
        }
        if (target.done() != null && !DoneCheck.applies(method.descriptor())) {
            notes.add("done ignored: returns " + DoneCheck.returnType(method.descriptor())
                    + ", the method still runs under the lock");
        } else if (target.done() != null) {
            String problem = unreadable(target.done(), className, method, index);
            if (problem != null) {
                notes.add("done '" + target.done() + "' cannot be evaluated (" + problem + "): ignored");
            }
        }
        if (target.key() != null) {
            String problem = unreadable(target.key(), className, method, index);
            if (problem != null) {
                notes.add("key '" + target.key() + "' cannot be evaluated (" + problem + "): every call locks one"
                        + " key for the whole rule");
            }
        }
        return notes;
    }

    /** Why the expression cannot be read on this method, or null when it can (or scan cannot tell). */
    private static String unreadable(String expression, String className, ClassShape.Method method, TypeIndex index) {
        Type[] parameters = Type.getArgumentTypes(method.descriptor());
        for (KeyExpressions.MemberPath path : KeyExpressions.paths(expression)) {
            Type type;
            if (path.argument() < 0) {
                if (method.isStatic() && !path.members().isEmpty()) {
                    return "a static method has no 'this'";
                }
                type = Type.getObjectType(className.replace('.', '/'));
            } else if (path.argument() >= parameters.length) {
                return "arg" + path.argument() + " but the method has " + parameters.length + " parameter(s)";
            } else {
                type = parameters[path.argument()];
            }
            for (String member : path.members()) {
                if (type.getSort() != Type.OBJECT) {
                    break;
                }
                String memberType = index.memberType(type.getClassName(), member);
                if (memberType == null) {
                    break;
                }
                if (memberType.isEmpty()) {
                    return "no method, getter or field '" + member + "' in " + type.getClassName();
                }
                type = Type.getType(memberType);
            }
        }
        return null;
    }
}
