package dev.baton.cli.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short labels for lock keys that keep the part that tells them apart. Keys of one run usually share a long prefix
 * (a work directory), and cutting the end off would leave only that prefix: so the shared prefix is dropped up to a
 * path separator, and a label still too long loses its middle, never its start or its end.
 */
final class KeyLabels {
    static final String ELLIPSIS = "\u2026";
    /** A shared prefix shorter than this is left alone: dropping it would save little and hide the key's root. */
    private static final int MIN_PREFIX = 12;

    private KeyLabels() {
    }

    /** Each key to its label of at most {@code maxChars} characters. */
    static Map<String, String> shorten(Collection<String> keys, int maxChars) {
        int prefix = keys.size() < 2 ? 0 : sharedPrefix(keys);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : keys) {
            String rest = prefix >= MIN_PREFIX ? ELLIPSIS + key.substring(prefix) : key;
            labels.put(key, middleOut(rest, maxChars));
        }
        return labels;
    }

    /** The length of the common prefix of all keys, cut back to just before a '/' so a path segment stays whole. */
    private static int sharedPrefix(Collection<String> keys) {
        String first = keys.iterator().next();
        int common = first.length();
        for (String key : keys) {
            int i = 0;
            while (i < common && i < key.length() && key.charAt(i) == first.charAt(i)) {
                i++;
            }
            common = i;
        }
        int slash = first.lastIndexOf('/', Math.min(common, first.length() - 1));
        // Keep the separator itself so the label reads "…/differing/part".
        return slash <= 0 ? 0 : slash;
    }

    static String middleOut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int head = (maxChars - 1) * 2 / 5;
        int tail = maxChars - 1 - head;
        return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - tail);
    }
}
