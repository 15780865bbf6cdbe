package dev.baton.lock;

import java.time.Instant;

/**
 * What a backend stores per key: the identity of the last (or current) holder, the generation counter bumped on every
 * acquisition, and the state the holder left. Comparing two records of one key needs no clock: generation and state
 * say what happened in between. {@code since} is wall-clock time for people reading logs, never used for decisions.
 *
 * @param generation number of acquisitions of this key so far (0 = never held, -1 = unknown)
 * @param state      what the last holder left
 * @param pid        process id of the holder, 0 when unknown
 * @param host       host name of the holder
 * @param scope      the key's scope, e.g. {@code download}
 * @param purpose    what the holder was doing, e.g. {@code download}
 * @param key        the key, redacted (no URL user information or query)
 * @param since      when the holder took the lock; null when unknown
 * @param detail     what the holder said about its finished work when it marked it done (e.g. a download's source
 *                   digest), empty otherwise; written by whoever held the key, so it is data to compare, never a
 *                   path or a command
 */
public record LockRecord(long generation, LockState state, long pid, String host, String scope, String purpose,
        String key, Instant since, String detail) {
    public static final LockRecord NEVER_HELD = new LockRecord(0, LockState.NEVER_HELD, 0, "", "", "", "", null, "");
    public static final LockRecord UNKNOWN = new LockRecord(-1, LockState.UNKNOWN, 0, "", "", "", "", null, "");

    public LockRecord {
        detail = detail == null ? "" : detail;
    }

    public boolean known() {
        return state != LockState.UNKNOWN;
    }

    /** This record as left by a holder that marked its work done, saying {@code doneDetail} about it. */
    public LockRecord markedDone(String doneDetail) {
        return new LockRecord(generation, LockState.DONE, pid, host, scope, purpose, key, since, doneDetail);
    }

    /**
     * True when this record (read after acquiring) shows that a holder completed the key after {@code before} (read
     * when the wait began) was taken: the state is done and it is not the same done already seen before.
     * Conservative: an unreadable record on either side answers false, so the caller redoes idempotent work rather
     * than trusting a result it cannot vouch for.
     */
    public boolean completedSince(LockRecord before) {
        if (!known() || !before.known() || state != LockState.DONE) {
            return false;
        }
        boolean sameDoneAsBefore = before.state == LockState.DONE && before.generation == generation;
        return generation >= before.generation && !sameDoneAsBefore;
    }

    /** "pid 42 on build-7 (download since 2026-11-23T08:10:42Z)", for log lines and exception messages. */
    public String describeHolder() {
        if (!known()) {
            return "an unknown holder";
        }
        if (state == LockState.NEVER_HELD) {
            return "nobody recorded yet";
        }
        return "pid " + pid + " on " + host + " (" + purpose + (since == null ? "" : " since " + since) + ")";
    }
}
