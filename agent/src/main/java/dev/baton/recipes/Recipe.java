package dev.baton.recipes;

import java.util.Map;

/**
 * A fix for one known tool, shipped inside the agent as data: {@code dev/baton/recipes/NAME.properties}. Its hooks
 * are the keys {@code rules.HOOK.PROPERTY}, written exactly like user rules (a user can copy one into their own
 * configuration by prefixing "baton."); the other keys say what it is for, and the {@code recipes} command prints
 * them.
 *
 * @param tool the tool and its Maven coordinates
 * @param versions the versions the recipe was tested with (and those known to share the hooked methods)
 * @param bug the published bug it fixes
 * @param locks what the recipe locks, in words (README's "Tools Baton fixes" table)
 * @param why why the key is right: every process touching the same thing meets on one lock
 * @param properties the whole file, hooks included
 */
public record Recipe(String name, String tool, String versions, String bug, String locks, String why,
        Map<String, String> properties) {

    static final String[] DESCRIPTION = {"tool", "versions", "bug", "locks", "why"};
}
