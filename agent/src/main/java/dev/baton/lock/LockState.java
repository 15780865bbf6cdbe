package dev.baton.lock;

/** The state a key's last holder left behind, read from the backend's record. */
public enum LockState {
    /** Nobody ever took this key. */
    NEVER_HELD,
    /** A holder took the key and did not mark its work done (it may still be working, or it died). */
    IN_PROGRESS,
    /** The holder marked its work done before releasing. */
    DONE,
    /** The record could not be read or parsed; treated as "nothing known". */
    UNKNOWN
}
