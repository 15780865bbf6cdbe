package dev.baton.it.apps;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@link #whereAmI(int)} from virtual threads (through the JDK 21+ API, reflectively: compiled for 17) and
 * from the main platform thread, and prints which threads ran it.
 */
public final class RuleOffloadApp {
    private RuleOffloadApp() {
    }

    /** A legacy blocking method; it reports the thread it runs on. */
    public static String whereAmI(int request) {
        return Thread.currentThread().getName() + (request < 0 ? "" : "");
    }

    public static void main(String[] args) throws Exception {
        Set<String> virtualCallers = new ConcurrentSkipListSet<>();
        ExecutorService virtualThreads = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        for (int i = 0; i < 8; i++) {
            int request = i;
            virtualThreads.submit(() -> virtualCallers.add(whereAmI(request).replaceAll("\\d+$", "N")));
        }
        virtualThreads.shutdown();
        if (!virtualThreads.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("virtual threads did not finish");
        }
        System.out.println("virtual callers ran on " + new TreeSet<>(virtualCallers));
        System.out.println("platform caller ran on " + whereAmI(0));
    }
}
