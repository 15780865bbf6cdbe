package dev.baton.scan.suggest;

import dev.baton.scan.suggest.Meaning.Outcome;

/**
 * A check-then-act: a branch on {@code check}'s outcome decides whether {@code act} runs on the same place (or its
 * directory).
 *
 * @param actWhen the path's state on the side of the branch where the act runs (ABSENT: "create if missing")
 * @param validation the other side never returns normally (it throws): the check validates, it does not skip work
 * @param branchLine source line of the branch
 */
record Pair(Effect check, Effect act, Outcome actWhen, boolean validation, int branchLine) {
}
