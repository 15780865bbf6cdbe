package dev.baton.cli.report;

import java.util.List;

/**
 * One section of the report as already-formatted cells, so that the text and HTML renderers show exactly the same
 * numbers and differ only in layout.
 *
 * @param note a sentence shown below the rows (what was left out of them and why), or empty
 */
public record Table(String title, List<Column> columns, List<List<String>> rows, String noneMessage, String note) {
    public record Column(String name, boolean numeric) {
    }

    public Table(String title, List<Column> columns, List<List<String>> rows, String noneMessage) {
        this(title, columns, rows, noneMessage, "");
    }

    static Column text(String name) {
        return new Column(name, false);
    }

    static Column number(String name) {
        return new Column(name, true);
    }
}
