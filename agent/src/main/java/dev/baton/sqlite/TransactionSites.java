package dev.baton.sqlite;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Learns which transactions only read, so that they can run concurrently with writers.
 *
 * <p>Why learning: a transaction that reads and then writes must hold SQLite's write lock from its first statement,
 * or its write can fail with SQLITE_BUSY halfway (SQLite cannot let a reader become a writer while another writer
 * is or was active since its snapshot), and retrying a statement inside a transaction is never safe. Whether a
 * transaction that begins with a read will write is not known when it begins. So Baton remembers it per <em>site</em>:
 * the text of the transaction's first statement plus the application's stack frames that issued it (the call path
 * of "show the balance" differs from that of "transfer", even when both start with the same SELECT).
 * <ul>
 * <li>A site never seen, or one whose transactions ever wrote, begins with BEGIN IMMEDIATE (safe).</li>
 * <li>A site whose last {@link #TRUSTED_AFTER} transactions only read begins DEFERRED: it takes no write lock, and in
 * WAL mode it runs alongside writers.</li>
 * <li>A transaction of a read-only site that writes after all makes the site a writer for good; that one transaction
 * is exposed to BUSY exactly as without Baton (it is never retried).</li>
 * </ul>
 * Sites are remembered per JVM, at most {@link #MAX_SITES}; beyond that, new sites are treated as writers.
 */
final class TransactionSites {
    static final int TRUSTED_AFTER = 2;
    static final int MAX_SITES = 4096;
    /** A site no transaction has been recorded for. */
    static final long NONE = 0;
    private static final int WROTE = -1;
    private static final int APPLICATION_FRAMES = 8;
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final ConcurrentHashMap<Long, Integer> readOnlyRuns = new ConcurrentHashMap<>();
    /** Frames of classes from this loader are Baton's own, not the application's. */
    private final ClassLoader baton;
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    TransactionSites() {
        this(TransactionSites.class.getClassLoader());
    }

    /** For tests, whose classes share Baton's loader: {@code baton} names the loader whose frames are not sites. */
    TransactionSites(ClassLoader baton) {
        this.baton = baton;
    }

    /** The site of a transaction whose first statement is {@code firstSql}, issued from the current thread. */
    long siteOf(String firstSql) {
        long[] hash = {firstSql.hashCode()};
        walker.walk(frames -> {
            frames.filter(this::applicationFrame).limit(APPLICATION_FRAMES).forEach(frame -> {
                hash[0] = 31 * hash[0] + frame.getClassName().hashCode();
                hash[0] = 31 * hash[0] + frame.getMethodName().hashCode();
                hash[0] = 31 * hash[0] + frame.getByteCodeIndex();
            });
            return null;
        });
        return hash[0] == NONE ? 1 : hash[0];
    }

    /** Not the JDK's (boot and platform loaders), not Baton's (bridge and runtime), not the driver's. */
    private boolean applicationFrame(StackWalker.StackFrame frame) {
        ClassLoader loader = frame.getDeclaringClass().getClassLoader();
        return loader != null && loader != baton && loader != PLATFORM
                && !frame.getClassName().startsWith("org.sqlite.");
    }

    /** True when the site's recent transactions only read. */
    boolean readsOnly(long site) {
        Integer runs = readOnlyRuns.get(site);
        return runs != null && runs >= TRUSTED_AFTER;
    }

    /** A transaction of {@code site} ended; {@code wrote}: it ran a statement that writes. */
    void finished(long site, boolean wrote) {
        if (site == NONE) {
            return;
        }
        if (wrote) {
            readOnlyRuns.put(site, WROTE);
        } else if (readOnlyRuns.size() < MAX_SITES || readOnlyRuns.containsKey(site)) {
            readOnlyRuns.compute(site, (s, runs) -> runs == null ? 1 : runs == WROTE ? WROTE : Math.min(runs + 1,
                    TRUSTED_AFTER));
        }
    }
}
