package dev.baton.cli.report;

/**
 * One recording given to the report: its file name, the process that wrote it (its pid when the recording says, else
 * the file name), how many Baton events it held, and what went wrong reading it, if anything.
 *
 * @param problem why the file could not be read completely (its other events still count), or null
 * @param duplicateOf the name under which the same file was already read (so it was not read again), or null
 */
public record RecordingSource(String name, String process, long batonEvents, String problem, String duplicateOf) {
    static RecordingSource duplicate(String name, String firstName) {
        return new RecordingSource(name, "", 0, null, firstName);
    }

    boolean read() {
        return duplicateOf == null;
    }
}
