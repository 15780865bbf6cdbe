package dev.baton.sqlite;

import java.util.EnumSet;
import java.util.Iterator;
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
 *
 * <p>Walking the stack costs microseconds, more than a point lookup, so it is done only while it can tell sites
 * apart: the first {@link #WALKS_PER_STATEMENT} transactions starting with a given statement walk it. If they all came
 * from one place, that statement is its site from then on, without walking; if they came from several places, every
 * transaction starting with it walks. A new place that shows up later for a statement believed to have one is found
 * out when one of its transactions, begun DEFERRED on the strength of the old place, writes: that transaction is
 * exposed as above, the statement goes back to walking, and the old place must prove again that it only reads.
 *
 * <p>Per JVM, at most {@link #MAX_SITES} sites and {@link #MAX_SITES} statements; beyond, new ones count as writers.
 */
final class TransactionSites {
    static final int TRUSTED_AFTER = 2;
    static final int WALKS_PER_STATEMENT = 64;
    static final int MAX_SITES = 4096;
    /** A site no transaction has been recorded for. */
    static final long NONE = 0;
    private static final int WROTE = -1;
    private static final int APPLICATION_FRAMES = 8;
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final ConcurrentHashMap<Long, Integer> readOnlyRuns = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StatementHistory> statements = new ConcurrentHashMap<>();
    /** Frames of classes from this loader are Baton's own, not the application's. */
    private final ClassLoader baton;
    private final StackWalker walker = StackWalker.getInstance(
            EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 32);

    TransactionSites() {
        this(TransactionSites.class.getClassLoader());
    }

    /** For tests, whose classes share Baton's loader: {@code baton} names the loader whose frames are not sites. */
    TransactionSites(ClassLoader baton) {
        this.baton = baton;
    }

    /** Where the transactions starting with one statement came from, as far as walking the stack has shown. */
    private static final class StatementHistory {
        /** The site of the first transaction seen. */
        final long firstSite;
        volatile int walks;
        /** Transactions starting with this statement came from more than one place: walk every time. */
        volatile boolean severalSites;

        StatementHistory(long firstSite) {
            this.firstSite = firstSite;
        }
    }

    /** The site of a transaction whose first statement is {@code firstSql}, issued from the current thread. */
    long siteOf(String firstSql) {
        StatementHistory history = statements.get(firstSql);
        if (history != null && !history.severalSites && history.walks >= WALKS_PER_STATEMENT) {
            return history.firstSite;
        }
        long site = walk(firstSql);
        if (history == null && statements.size() < MAX_SITES) {
            history = statements.computeIfAbsent(firstSql, sql -> new StatementHistory(site));
        }
        if (history != null) {
            history.walks++; // Racy on purpose: a few walks more or less change nothing.
            if (site != history.firstSite) {
                history.severalSites = true;
            }
        }
        return site;
    }

    private long walk(String firstSql) {
        return walker.walk(frames -> {
            long hash = firstSql.hashCode();
            int taken = 0;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && taken < APPLICATION_FRAMES;) {
                StackWalker.StackFrame frame = it.next();
                Class<?> type = frame.getDeclaringClass();
                if (applicationClass(type)) {
                    hash = 31 * (31 * hash + type.getName().hashCode()) + frame.getByteCodeIndex();
                    taken++;
                }
            }
            return hash == NONE ? 1 : hash;
        });
    }

    /** Not the JDK's (boot and platform loaders), not Baton's (bridge and runtime), not the driver's. */
    private boolean applicationClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != baton && loader != PLATFORM && !type.getName().startsWith("org.sqlite.");
    }

    /** True when the site's recent transactions only read. */
    boolean readsOnly(long site) {
        Integer runs = readOnlyRuns.get(site);
        return runs != null && runs >= TRUSTED_AFTER;
    }

    /**
     * A transaction that began DEFERRED as a reader of {@code site} writes. Returns the site its end should be
     * recorded for: none when the site was only inferred from the statement (see the class comment).
     */
    long readerWrote(long site, String firstSql) {
        StatementHistory history = firstSql == null ? null : statements.get(firstSql);
        if (history != null && !history.severalSites && history.walks >= WALKS_PER_STATEMENT) {
            history.severalSites = true;
            readOnlyRuns.remove(site);
            return NONE;
        }
        finished(site, true);
        return site;
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
