package dev.baton.scan.suggest;

import java.util.List;
import java.util.Set;

/**
 * A check or an act on a place, seen from one method: made there ({@code via} empty) or by a callee inside the
 * scanned code ({@code via}: the callees from this method's call down to the method that made it).
 *
 * @param site instruction index, in this method, of the call that checks or acts (or leads to it)
 * @param origins the places checked or acted on, in this method's terms
 * @param meaning for checks: what a true result says
 * @param kind for acts: what it does
 * @param what the JDK or library call that does it ("Files.notExists"); empty for the boolean answer of a callee
 * @param line source line of {@code site} in this method, -1 if unknown
 * @param where where {@code what} really happens ("DefaultDownloader.java:97"), for reasons
 * @param sources for downloads: keyable, stable values naming what is downloaded (a URI argument)
 */
record Effect(boolean act, int site, Set<Origin> origins, Meaning meaning, ActKind kind, String what, int line,
        String where, List<MethodRef> via, List<Origin> sources) {

    boolean relatesTo(Set<Origin> others) {
        for (Origin origin : origins) {
            if (origin.tracked() && others.contains(origin)) {
                return true;
            }
        }
        return false;
    }

    /** "download (DefaultDownloader#download -> Files.copy)". */
    String describe() {
        return kind.text + " (" + chain() + ")";
    }

    /** "NodeInstaller#nodeIsAlreadyInstalled -> File.exists(this.config.installDirectory)". */
    String describeCheck() {
        String place = "…";
        for (Origin origin : origins) {
            if (origin.tracked()) {
                place = origin.label();
                break;
            }
        }
        if (what.isEmpty()) {
            // A callee whose boolean answer is the check ("is it installed?").
            return via.get(0).shortName() + "() about " + place;
        }
        return chain() + "(" + place + ")";
    }

    private String chain() {
        StringBuilder text = new StringBuilder();
        for (MethodRef method : via) {
            text.append(method.shortName()).append(" -> ");
        }
        return text.append(what).toString();
    }
}
