package dev.baton.offload;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinPool;

import org.slf4j.Logger;

import dev.baton.instrument.ModuleAccess;
import dev.baton.log.BatonLog;

/**
 * The JVM's virtual-thread scheduler (a ForkJoinPool whose workers are the carrier threads) and the two things
 * {@link ManagedBlocking} does to it: change its target parallelism, and wake it so that a carrier is added at once.
 *
 * <p>Why not the JDK's own {@code jdk.internal.misc.Blocker}, which file I/O uses: it records the compensation on
 * the carrier thread and undoes it on the carrier the virtual thread is mounted on at the end. That holds for a
 * native read, which cannot unmount; a sqlite-jdbc call can (a contended monitor on JDK 24+, a busy-retry sleep), and
 * would then leave one carrier compensated for ever. A change of the pool's parallelism is not tied to a carrier.
 *
 * <p>Why the wake-up: ForkJoinPool starts a worker only when a task is submitted into an empty queue while fewer
 * workers than the parallelism are active. Tasks that were queued while every carrier was pinned (a heartbeat's
 * wake-up) stay queued after the parallelism is raised until something signals the pool; {@code signalWork()} is
 * that signal (package-private, hence the opened package). Measured on JDK 25 with eight pinned slow queries and a
 * 5 ms heartbeat: raising the parallelism and submitting an empty task instead (public API only) left the heartbeat
 * stalled for 4.5 s in two runs of six; with signalWork, in none.
 *
 * <p>Checked: JDK 25 (run, see OffloadTest) and JDK 21 (source read: {@code VirtualThread.DEFAULT_SCHEDULER} is a
 * ForkJoinPool, {@code ForkJoinPool.signalWork()} and {@code setParallelism(int)} behave the same way). Anything
 * missing (another JDK, a custom scheduler, a module that cannot be opened) makes {@link #find} return null and Baton
 * use its pool instead.
 */
final class VirtualThreadScheduler {
    private static final Logger LOG = BatonLog.get();

    private final ForkJoinPool pool;
    private final MethodHandle signalWork;
    /** ForkJoinPool.setParallelism(int), public since Java 19 (Baton compiles for 17). */
    private final MethodHandle setParallelism;
    private final int baseParallelism;

    private VirtualThreadScheduler(ForkJoinPool pool, MethodHandle signalWork, MethodHandle setParallelism) {
        this.pool = pool;
        this.signalWork = signalWork;
        this.setParallelism = setParallelism;
        this.baseParallelism = pool.getParallelism();
    }

    /** The default scheduler, or null (with the reason logged at debug) when Baton cannot compensate it. */
    static VirtualThreadScheduler find(Instrumentation instrumentation) {
        if (!VirtualThreads.supported()) {
            return null;
        }
        try {
            ModuleAccess.open(instrumentation, "java.base", "java.lang", VirtualThreadScheduler.class);
            ModuleAccess.open(instrumentation, "java.base", "java.util.concurrent", VirtualThreadScheduler.class);
            Field field = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            field.setAccessible(true);
            if (!(field.get(null) instanceof ForkJoinPool)) {
                LOG.debug("offload: the virtual-thread scheduler is not a ForkJoinPool; using the offload pool");
                return null;
            }
            ForkJoinPool pool = (ForkJoinPool) field.get(null);
            MethodHandle signal = MethodHandles.privateLookupIn(ForkJoinPool.class, MethodHandles.lookup())
                    .findVirtual(ForkJoinPool.class, "signalWork", MethodType.methodType(void.class));
            MethodHandle setParallelism = MethodHandles.publicLookup().findVirtual(ForkJoinPool.class,
                    "setParallelism", MethodType.methodType(int.class, int.class));
            VirtualThreadScheduler scheduler = new VirtualThreadScheduler(pool, signal, setParallelism);
            // Proves the change is allowed here (a pool with a preset size would refuse), changing nothing.
            scheduler.setParallelism(scheduler.baseParallelism);
            return scheduler;
        } catch (Throwable t) {
            LOG.debug("offload: cannot compensate the virtual-thread scheduler ({}); using the offload pool",
                    t.toString());
            return null;
        }
    }

    int baseParallelism() {
        return baseParallelism;
    }

    /** The parallelism the scheduler has now, for statistics. */
    int parallelism() {
        return pool.getParallelism();
    }

    void setParallelism(int parallelism) throws Throwable {
        int previous = (int) setParallelism.invokeExact(pool, parallelism);
        LOG.trace("offload: scheduler parallelism {} -> {}", previous, parallelism);
    }

    /** Starts or wakes one carrier if the pool has room for it; tasks queued meanwhile are then run. */
    void wake() throws Throwable {
        signalWork.invokeExact(pool);
    }
}
