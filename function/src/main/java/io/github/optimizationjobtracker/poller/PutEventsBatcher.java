package io.github.optimizationjobtracker.poller;

import io.github.optimizationjobtracker.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events on the bus in batches of at most 10. PutEvents can accept a batch yet reject some entries
 * (throttling, internal errors): those entries are retried with backoff; an entry that keeps failing fails the run.
 */
public final class PutEventsBatcher {
    public static final int MAX_BATCH = 10;
    private static final Logger LOG = LoggerFactory.getLogger(PutEventsBatcher.class);

    private final EventBridgeClient eventBridge;
    private final int maxAttempts;
    private final Backoff backoff;

    public PutEventsBatcher(EventBridgeClient eventBridge, int maxAttempts, long baseBackoffMillis) {
        this(eventBridge, maxAttempts, Backoff.exponential(Duration.ofMillis(baseBackoffMillis),
                Duration.ofMillis(baseBackoffMillis << 6)));
    }

    PutEventsBatcher(EventBridgeClient eventBridge, int maxAttempts, Backoff backoff) {
        this.eventBridge = eventBridge;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** Puts every entry; returns the number of PutEvents calls made. */
    public int putAll(List<PutEventsRequestEntry> entries) {
        int calls = 0;
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            calls += putBatch(entries.subList(from, Math.min(entries.size(), from + MAX_BATCH)));
        }
        return calls;
    }

    private int putBatch(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        for (int attempt = 1; ; attempt++) {
            List<PutEventsRequestEntry> sending = pending;
            PutEventsResponse response = eventBridge.putEvents(r -> r.entries(sending));
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return attempt;
            }
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            String lastError = null;
            for (int i = 0; i < sending.size(); i++) {
                PutEventsResultEntry result = i < response.entries().size() ? response.entries().get(i) : null;
                if (result == null || result.errorCode() != null) {
                    failed.add(sending.get(i));
                    lastError = result == null ? "no result entry" : result.errorCode() + ": " + result.errorMessage();
                }
            }
            if (failed.isEmpty()) {
                // a failure count without a failed entry: nothing to retry that could be told apart
                LOG.warn("PutEvents reported {} failed entries but marked none", response.failedEntryCount());
                return attempt;
            }
            if (attempt >= maxAttempts) {
                throw new IllegalStateException("PutEvents rejected " + failed.size() + " of " + sending.size()
                        + " entries " + attempt + " times; last error " + lastError);
            }
            LOG.warn("PutEvents rejected {} of {} entries ({}); retrying them", failed.size(), sending.size(), lastError);
            pending = failed;
            backoff.pause(attempt, "PutEvents");
        }
    }
}
