package dev.baton.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A class file read just far enough to splice prologues into it (JVMS chapter 4): where each constant pool entry
 * and each method's {@code Code} attribute sit, and what {@link ClassShape} needs to know of the named methods.
 * Method bodies, fields and class attributes are skipped, not parsed.
 *
 * <p>Why not ASM here: this runs for the first hooked class of every short-lived tool, where loading and verifying
 * ASM's classes and running its reader in the interpreter cost about 13 ms of CPU (JDK 25, Maven Wrapper recipe).
 * ASM stays for everything this reader does not cover ({@link PrologueSplicer} says what).
 *
 * <p>Any structure it does not expect (an unknown constant tag, a length running past the end) throws
 * {@link IllegalArgumentException}; the caller then takes the ASM path, which decides for itself.
 */
final class ClassFileLayout {
    /** One declared method whose name was asked for. */
    record MethodLayout(ClassShape.Method shape, String[] exceptions, int codeStart, int codeEnd) {
        /** Whether the method has a Code attribute; {@link #codeStart} is then the offset of its name index. */
        boolean hasCode() {
            return codeStart >= 0;
        }
    }

    final byte[] bytes;
    final int majorVersion;
    /** Offset of each constant's tag byte by index; 0 for index 0 and the unusable slot after a long or double. */
    final int[] constantOffsets;
    /** Offset of the first byte after the constant pool (the class's access flags). */
    final int constantPoolEnd;
    final String internalName;
    final String superName;
    final List<String> interfaces;
    final List<MethodLayout> methods;

    private int position;

    /** Reads {@code bytes}, keeping the methods named in {@code methodNames}. */
    ClassFileLayout(byte[] bytes, Set<String> methodNames) {
        this.bytes = bytes;
        if (bytes.length < 10 || u4(0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        majorVersion = u2(6);
        int count = u2(8);
        constantOffsets = new int[count];
        position = 10;
        for (int index = 1; index < count; index++) {
            constantOffsets[index] = position;
            int tag = u1(position);
            position += 1 + constantSize(tag);
            if (tag == 5 || tag == 6) {
                index++;
            }
        }
        constantPoolEnd = position;
        position += 2;
        internalName = className(u2(position));
        int superIndex = u2(position + 2);
        superName = superIndex == 0 ? null : className(superIndex);
        int interfaceCount = u2(position + 4);
        position += 6;
        List<String> names = new ArrayList<>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++, position += 2) {
            names.add(className(u2(position)));
        }
        interfaces = List.copyOf(names);
        int fieldCount = u2(position);
        position += 2;
        for (int i = 0; i < fieldCount; i++) {
            position += 6;
            skipAttributes();
        }
        int methodCount = u2(position);
        position += 2;
        List<MethodLayout> kept = new ArrayList<>();
        for (int i = 0; i < methodCount; i++) {
            MethodLayout method = method(methodNames);
            if (method != null) {
                kept.add(method);
            }
        }
        methods = List.copyOf(kept);
        // Class attributes follow; the splicer copies them as they are.
        int attributeCount = u2(position);
        position += 2;
        for (int i = 0; i < attributeCount; i++) {
            position += 6 + u4(position + 2);
        }
        if (position != bytes.length) {
            throw new IllegalArgumentException("class file length does not match its structure");
        }
    }

    private MethodLayout method(Set<String> methodNames) {
        int access = u2(position);
        String name = utf8(u2(position + 2));
        String descriptor = utf8(u2(position + 4));
        int attributeCount = u2(position + 6);
        position += 8;
        boolean wanted = methodNames == null || methodNames.contains(name);
        boolean callerSensitive = false;
        String[] exceptions = null;
        int codeStart = -1;
        int codeEnd = -1;
        for (int i = 0; i < attributeCount; i++) {
            int start = position;
            String attribute = utf8(u2(position));
            int end = position + 6 + u4(position + 2);
            if (end > bytes.length || end < position) {
                throw new IllegalArgumentException("attribute runs past the end");
            }
            if (wanted) {
                if (attribute.equals("Code")) {
                    codeStart = start;
                    codeEnd = end;
                } else if (attribute.equals("Exceptions")) {
                    exceptions = exceptions(position + 6);
                } else if (attribute.equals("RuntimeVisibleAnnotations")
                        || attribute.equals("RuntimeInvisibleAnnotations")) {
                    callerSensitive |= annotatedCallerSensitive(position + 6);
                }
            }
            position = end;
        }
        if (!wanted) {
            return null;
        }
        // A bridge's target is only known from its code: HookTransformer reads classes with hooked bridges with ASM.
        return new MethodLayout(new ClassShape.Method(access, name, descriptor, callerSensitive, null), exceptions,
                codeStart, codeEnd);
    }

    private String[] exceptions(int at) {
        int count = u2(at);
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = className(u2(at + 2 + 2 * i));
        }
        return names;
    }

    private boolean annotatedCallerSensitive(int at) {
        int count = u2(at);
        int cursor = at + 2;
        boolean found = false;
        for (int i = 0; i < count; i++) {
            found |= ClassShape.isCallerSensitive(utf8(u2(cursor)));
            cursor = skipAnnotation(cursor);
        }
        return found;
    }

    /** Skips an annotation structure (type, element-value pairs) and returns the offset after it. */
    private int skipAnnotation(int at) {
        int pairs = u2(at + 2);
        int cursor = at + 4;
        for (int i = 0; i < pairs; i++) {
            cursor = skipElementValue(cursor + 2);
        }
        return cursor;
    }

    private int skipElementValue(int at) {
        int tag = u1(at);
        switch (tag) {
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c':
                return at + 3;
            case 'e':
                return at + 5;
            case '@':
                return skipAnnotation(at + 1);
            case '[': {
                int values = u2(at + 1);
                int cursor = at + 3;
                for (int i = 0; i < values; i++) {
                    cursor = skipElementValue(cursor);
                }
                return cursor;
            }
            default:
                throw new IllegalArgumentException("unknown element value tag " + tag);
        }
    }

    private void skipAttributes() {
        int count = u2(position);
        position += 2;
        for (int i = 0; i < count; i++) {
            position += 6 + u4(position + 2);
        }
    }

    /** Bytes a constant of {@code tag} takes after its tag byte. */
    private int constantSize(int tag) {
        switch (tag) {
            case 1:
                return 2 + u2(position + 1);
            case 7, 8, 16, 19, 20:
                return 2;
            case 15:
                return 3;
            case 3, 4, 9, 10, 11, 12, 17, 18:
                return 4;
            case 5, 6:
                return 8;
            default:
                throw new IllegalArgumentException("unknown constant tag " + tag);
        }
    }

    /** The name of the CONSTANT_Class at {@code index}. */
    String className(int index) {
        int at = constant(index, 7);
        return utf8(u2(at + 1));
    }

    /** The text of the CONSTANT_Utf8 at {@code index}, decoded from the class file's modified UTF-8. */
    String utf8(int index) {
        int at = constant(index, 1);
        int length = u2(at + 1);
        int cursor = at + 3;
        int end = cursor + length;
        if (end > bytes.length) {
            throw new IllegalArgumentException("constant runs past the end");
        }
        char[] text = new char[length];
        int chars = 0;
        while (cursor < end) {
            int first = bytes[cursor++] & 0xFF;
            if (first < 0x80) {
                text[chars++] = (char) first;
            } else if ((first & 0xE0) == 0xC0 && cursor < end) {
                text[chars++] = (char) (((first & 0x1F) << 6) | (bytes[cursor++] & 0x3F));
            } else if ((first & 0xF0) == 0xE0 && cursor + 1 < end) {
                text[chars++] = (char) (((first & 0x0F) << 12) | ((bytes[cursor] & 0x3F) << 6)
                        | (bytes[cursor + 1] & 0x3F));
                cursor += 2;
            } else {
                throw new IllegalArgumentException("malformed modified UTF-8");
            }
        }
        return new String(text, 0, chars);
    }

    /** The offset of the constant at {@code index}, which must have {@code tag}. */
    private int constant(int index, int tag) {
        if (index <= 0 || index >= constantOffsets.length || constantOffsets[index] == 0
                || u1(constantOffsets[index]) != tag) {
            throw new IllegalArgumentException("constant " + index + " is not of tag " + tag);
        }
        return constantOffsets[index];
    }

    int u1(int at) {
        return bytes[at] & 0xFF;
    }

    int u2(int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    int u4(int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }
}
