package io.github.optimizationjobtracker.retry;

import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The pause before retrying what a batch call left undone (unprocessed keys or items, rejected entries): the SDK's
 * exponential backoff with full jitter, so containers that failed together do not retry together.
 */
public final class Backoff {
    private final BackoffStrategy strategy;

    private Backoff(BackoffStrategy strategy) {
        this.strategy = strategy;
    }

    public static Backoff exponential(Duration base, Duration max) {
        return new Backoff(BackoffStrategy.exponentialDelay(base, max));
    }

    /** No pause at all: for tests that exercise the retrying, not the waiting. */
    public static Backoff none() {
        return new Backoff(BackoffStrategy.retryImmediately());
    }

    /** How long to wait before attempt {@code attempt + 1} (attempts count from 1). */
    public Duration delay(int attempt) {
        return strategy.computeDelay(attempt);
    }

    /** Waits before the next attempt; an interrupt fails the call that is retrying. */
    public void pause(int attempt, String retrying) {
        try {
            Thread.sleep(delay(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying " + retrying, e);
        }
    }
}
