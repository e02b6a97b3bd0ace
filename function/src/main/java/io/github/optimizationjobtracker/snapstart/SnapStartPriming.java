package io.github.optimizationjobtracker.snapstart;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a function's first-event path once before Lambda takes the SnapStart snapshot, with every SDK request
 * answered in-process by {@link PrimingHttpClient}: the restored function starts with its classes loaded and
 * initialized, and nothing was read, written or published. A failed priming is logged; the snapshot goes on.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** CRaC may hold resources weakly; keep them reachable for the container's lifetime. */
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();

    private final String name;
    private final Runnable firstEvent;

    public SnapStartPriming(String name, Runnable firstEvent) {
        this.name = name;
        this.firstEvent = firstEvent;
    }

    /** Registers with the CRaC runtime (Lambda SnapStart) so it runs before the snapshot. */
    public static synchronized void register(SnapStartPriming priming) {
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** Primes now; returns whether it succeeded. */
    public boolean prime() {
        long started = System.nanoTime();
        try {
            PrimingHttpClient.priming(() -> {
                firstEvent.run();
                return null;
            });
            LOG.info("primed the {} for SnapStart in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("priming the {} failed; the snapshot is taken unprimed", name, e);
            return false;
        } finally {
            MDC.clear(); // the priming event's ids must not label the first real invocation's logs
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: credentials come from a provider that re-reads them when they expire.
    }
}
