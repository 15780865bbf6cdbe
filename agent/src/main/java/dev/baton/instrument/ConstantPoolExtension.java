package dev.baton.instrument;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Constants appended after a class file's own pool, each added once. Existing entries are not searched: a
 * duplicate constant is legal (JVMS 4.4) and looking for one would mean decoding the whole pool.
 */
final class ConstantPoolExtension {
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int CLASS = 7;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int NAME_AND_TYPE = 12;

    private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
    private final Map<String, Integer> indexes = new HashMap<>();
    private int nextIndex;

    /** @param originalCount the class file's constant_pool_count: the first index this extension hands out */
    ConstantPoolExtension(int originalCount) {
        this.nextIndex = originalCount;
    }

    /** The new constant_pool_count; above 65535 the class cannot take the extension. */
    int count() {
        return nextIndex;
    }

    byte[] entries() {
        return entries.toByteArray();
    }

    int utf8(String text) {
        Integer known = indexes.get("u" + text);
        if (known != null) {
            return known;
        }
        byte[] encoded = modifiedUtf8(text);
        entries.write(UTF8);
        writeU2(encoded.length);
        entries.write(encoded, 0, encoded.length);
        return remember("u" + text);
    }

    /** A CONSTANT_Class; {@code internalName} is an internal name or, for arrays, a descriptor. */
    int classRef(String internalName) {
        Integer known = indexes.get("c" + internalName);
        if (known != null) {
            return known;
        }
        int name = utf8(internalName);
        entries.write(CLASS);
        writeU2(name);
        return remember("c" + internalName);
    }

    int integer(int value) {
        Integer known = indexes.get("i" + value);
        if (known != null) {
            return known;
        }
        entries.write(INTEGER);
        writeU2(value >>> 16);
        writeU2(value & 0xFFFF);
        return remember("i" + value);
    }

    int methodRef(String owner, String name, String descriptor) {
        return memberRef(METHOD_REF, owner, name, descriptor);
    }

    int fieldRef(String owner, String name, String descriptor) {
        return memberRef(FIELD_REF, owner, name, descriptor);
    }

    private int memberRef(int tag, String owner, String name, String descriptor) {
        String key = "m" + tag + owner + "." + name + descriptor;
        Integer known = indexes.get(key);
        if (known != null) {
            return known;
        }
        int ownerIndex = classRef(owner);
        int nameAndType = nameAndType(name, descriptor);
        entries.write(tag);
        writeU2(ownerIndex);
        writeU2(nameAndType);
        return remember(key);
    }

    private int nameAndType(String name, String descriptor) {
        String key = "n" + name + ":" + descriptor;
        Integer known = indexes.get(key);
        if (known != null) {
            return known;
        }
        int nameIndex = utf8(name);
        int descriptorIndex = utf8(descriptor);
        entries.write(NAME_AND_TYPE);
        writeU2(nameIndex);
        writeU2(descriptorIndex);
        return remember(key);
    }

    private int remember(String key) {
        int index = nextIndex++;
        indexes.put(key, index);
        return index;
    }

    private void writeU2(int value) {
        entries.write(value >>> 8);
        entries.write(value);
    }

    /** JVMS 4.4.7: NUL and supplementary characters' surrogates take the two- and three-byte forms. */
    private static byte[] modifiedUtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != 0 && c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        if (out.size() > 0xFFFF) {
            throw new IllegalArgumentException("constant too long");
        }
        return out.toByteArray();
    }
}
