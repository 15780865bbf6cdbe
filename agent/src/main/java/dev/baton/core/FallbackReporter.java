package dev.baton.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

import dev.baton.bridge.Baton;
import dev.baton.jfr.FallbackEvent;
import dev.baton.log.BatonLog;

/** Logs each failing site once (a hot call must not flood stderr) and records every failure as baton.Fallback. */
final class FallbackReporter implements Baton.FailureSink {
    private static final Logger LOG = BatonLog.get();
    private final Set<String> reportedSites = ConcurrentHashMap.newKeySet();

    @Override
    public void failed(String site, Throwable failure) {
        if (reportedSites.add(site)) {
            LOG.warn("{} failed inside Baton; the original call runs unchanged (logged once per site)", site, failure);
        }
        FallbackEvent event = new FallbackEvent();
        if (event.shouldCommit()) {
            event.site = site;
            event.exception = failure.getClass().getName();
            event.message = String.valueOf(failure.getMessage());
            event.commit();
        }
    }
}
