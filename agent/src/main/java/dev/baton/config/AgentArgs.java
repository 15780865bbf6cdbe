package dev.baton.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code -javaagent:baton-agent.jar=key=value,key=value}. Keys may leave out the "baton." prefix. A comma
 * inside parentheses does not separate entries, so a rule such as {@code rules.x.method=A#m(int,long)} survives.
 */
public final class AgentArgs {
    private AgentArgs() {
    }

    public static Map<String, String> parse(String args) {
        Map<String, String> values = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return values;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= args.length(); i++) {
            char c = i < args.length() ? args.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                put(values, args.substring(start, i));
                start = i + 1;
            }
        }
        return values;
    }

    private static void put(Map<String, String> values, String entry) {
        if (entry.isBlank()) {
            return;
        }
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
        // A bare flag ("enabled") means true, as users of other agents expect.
        String value = eq < 0 ? "true" : entry.substring(eq + 1).trim();
        values.put(qualify(key), value);
    }

    static String qualify(String key) {
        return key.startsWith(Keys.PREFIX) ? key : Keys.PREFIX + key;
    }
}
