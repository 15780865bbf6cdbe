package dev.baton.scan.suggest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.objectweb.asm.tree.analysis.Value;

/**
 * The abstract value of a local or a stack slot: which places it may denote ({@link Origin}s) and which checks'
 * outcomes it carries (instruction index of the check, and what a true value means). Immutable; sets are capped so
 * the data-flow fixpoint is reached quickly.
 */
final class Sym implements Value {
    static final int MAX_ORIGINS = 6;
    static final int MAX_CHECKS = 8;

    /** Check sites at or above zero are instructions; this one marks "too many checks to track". */
    static final int TOO_MANY_SITE = -1;
    static final Set<Origin> TOO_MANY_ORIGINS = Set.of(Origin.TOO_MANY);
    static final Map<Integer, Meaning> TOO_MANY_CHECKS = Map.of(TOO_MANY_SITE, Meaning.UNKNOWN);

    static final Sym UNINITIALIZED = new Sym(1, null, Set.of(), Map.of(), false, -1);

    final int size;
    final String desc;
    final Set<Origin> origins;
    final Map<Integer, Meaning> checks;
    /** The constant zero (lcmp with 0 keeps a size's meaning). */
    final boolean zero;
    /** A NEW at this instruction whose constructor has not run yet; -1 otherwise. */
    final int newSite;
    private int hash;

    Sym(int size, String desc, Set<Origin> origins, Map<Integer, Meaning> checks, boolean zero, int newSite) {
        this.size = size;
        this.desc = desc;
        this.origins = origins;
        this.checks = checks;
        this.zero = zero;
        this.newSite = newSite;
    }

    static Sym of(String desc) {
        return new Sym(size(desc), desc, Set.of(), Map.of(), false, -1);
    }

    static Sym of(String desc, Set<Origin> origins) {
        return new Sym(size(desc), desc, cap(origins), Map.of(), false, -1);
    }

    static Sym zero(String desc) {
        return new Sym(size(desc), desc, Set.of(), Map.of(), true, -1);
    }

    static Sym allocated(String desc, int site) {
        return new Sym(1, desc, Set.of(), Map.of(), false, site);
    }

    static int size(String desc) {
        return desc != null && (desc.equals("J") || desc.equals("D")) ? 2 : 1;
    }

    Sym withChecks(Map<Integer, Meaning> more) {
        return new Sym(size, desc, origins, capChecks(more), zero, newSite);
    }

    /** The same checks, every meaning replaced (isEmpty flips, arithmetic blurs). */
    Map<Integer, Meaning> checksAs(java.util.function.UnaryOperator<Meaning> change) {
        if (checks.isEmpty()) {
            return checks;
        }
        Map<Integer, Meaning> changed = new LinkedHashMap<>();
        checks.forEach((site, meaning) -> changed.put(site, change.apply(meaning)));
        return changed;
    }

    /** This value after it absorbed another (an element added to a list, an argument of a constructor). */
    Sym absorb(Sym other) {
        if (other == null || other.origins.isEmpty() && other.checks.isEmpty()) {
            return this;
        }
        return new Sym(size, desc, union(origins, other.origins), mergeChecks(checks, other.checks), false, -1);
    }

    Sym merge(Sym other) {
        if (other == this || equals(other)) {
            return this;
        }
        if (size != other.size) {
            return UNINITIALIZED;
        }
        return new Sym(size, Objects.equals(desc, other.desc) ? desc : null, union(origins, other.origins),
                mergeChecks(checks, other.checks), zero && other.zero, newSite == other.newSite ? newSite : -1);
    }

    static Set<Origin> union(Set<Origin> a, Set<Origin> b) {
        if (a.contains(Origin.TOO_MANY) || b.contains(Origin.TOO_MANY)) {
            return TOO_MANY_ORIGINS;
        }
        if (b.isEmpty() || a.containsAll(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<Origin> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return cap(all);
    }

    static Map<Integer, Meaning> mergeChecks(Map<Integer, Meaning> a, Map<Integer, Meaning> b) {
        if (a.containsKey(TOO_MANY_SITE) || b.containsKey(TOO_MANY_SITE)) {
            return TOO_MANY_CHECKS;
        }
        if (b.isEmpty() || a.equals(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<Integer, Meaning> all = new LinkedHashMap<>(a);
        b.forEach((site, meaning) -> all.merge(site, meaning, Meaning::combine));
        return capChecks(all);
    }

    private static Set<Origin> cap(Set<Origin> origins) {
        if (origins.size() <= MAX_ORIGINS) {
            return Collections.unmodifiableSet(origins);
        }
        // Too many places to say anything useful: a marker that absorbs every later merge (the fixpoint needs
        // merges that only grow) and relates to nothing.
        return TOO_MANY_ORIGINS;
    }

    private static Map<Integer, Meaning> capChecks(Map<Integer, Meaning> checks) {
        return checks.size() <= MAX_CHECKS ? Collections.unmodifiableMap(checks) : TOO_MANY_CHECKS;
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof Sym s && s.hashCode() == hashCode() && s.size == size && s.zero == zero && s.newSite == newSite
                && Objects.equals(s.desc, desc) && s.origins.equals(origins) && s.checks.equals(checks);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(size, desc, origins, checks, newSite, zero);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return (desc == null ? "?" : desc) + origins + (checks.isEmpty() ? "" : checks.toString());
    }
}
