package dev.baton.config;

/** Finds the known key a mistyped one was probably meant to be. */
final class Suggestions {
    private Suggestions() {
    }

    static String closestKey(String name, boolean environment) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Key<?> key : Keys.all()) {
            String candidate = environment ? key.environmentName() : key.name();
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        // Beyond a third of the name it is a different word, not a typo.
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
