package dev.baton.sqlite;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link WriterQueue} per database file in this JVM, found by the name the driver knows the database by. Two
 * names of one file (relative and absolute, through a link) share one queue: one gate, one queue file. In-memory and
 * temporary databases have no queue (each connection has its own database).
 */
final class WriterQueues {
    /** Queue files kept open at once; beyond this, idle ones are closed (and reopened when used again). */
    static final int MAX_OPEN_FILES = 64;

    private final boolean crossProcess;
    private final ConcurrentHashMap<String, Optional<WriterQueue>> byName = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<Path, WriterQueue> byFile = new HashMap<>();

    /** @param crossProcess whether writers also queue across processes (baton.sqlite.queue) */
    WriterQueues(boolean crossProcess) {
        this.crossProcess = crossProcess;
    }

    /** The queue of the database the driver calls {@code fileName}; null for databases without one. */
    WriterQueue of(String fileName) {
        if (fileName == null) {
            return null;
        }
        Optional<WriterQueue> queue = byName.get(fileName);
        if (queue == null) {
            queue = byName.computeIfAbsent(fileName, name -> Optional.ofNullable(create(name)));
        }
        return queue.orElse(null);
    }

    private synchronized WriterQueue create(String fileName) {
        Path file = databaseFile(fileName);
        if (file == null) {
            return null;
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (java.io.IOException | RuntimeException e) {
            real = file;
        }
        WriterQueue queue = byFile.get(real);
        if (queue == null) {
            closeIdleBeyondLimit();
            queue = new WriterQueue(real.toString(), crossProcess ? ProcessTurn.open(real) : null);
            byFile.put(real, queue);
        }
        return queue;
    }

    private void closeIdleBeyondLimit() {
        int open = byFile.size();
        for (Iterator<WriterQueue> queues = byFile.values().iterator(); open >= MAX_OPEN_FILES && queues.hasNext();) {
            if (queues.next().closeIfIdle()) {
                open--;
            }
        }
    }

    /**
     * The file behind a driver file name: {@code x.db}, {@code /a/x.db}, {@code file:x.db?mode=rwc}. Null for
     * {@code :memory:}, {@code file::memory:?cache=shared}, {@code mode=memory} URIs and "" (a temporary database).
     */
    static Path databaseFile(String fileName) {
        String name = fileName.strip();
        if (name.startsWith("file:")) {
            int query = name.indexOf('?');
            if (query >= 0) {
                if (name.substring(query).contains("mode=memory")) {
                    return null;
                }
                name = name.substring(0, query);
            }
            name = name.substring("file:".length());
            if (name.startsWith("//")) {
                name = name.substring(2); // file://host/path: SQLite accepts only an empty host or localhost.
                int slash = name.indexOf('/');
                name = slash < 0 ? "" : name.substring(slash);
            }
        }
        if (name.isEmpty() || name.startsWith(":memory:") || name.contains("mode=memory")) {
            return null;
        }
        try {
            return Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
