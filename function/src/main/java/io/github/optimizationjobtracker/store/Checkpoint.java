package io.github.optimizationjobtracker.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The poller's progress. {@code polledThrough}: every change up to this instant has been put on the bus.
 * {@code resume}: a run that stopped half-way (time running out) saves where its listing was, so the next run
 * continues it instead of starting over.
 */
public record Checkpoint(Optional<Instant> polledThrough, Optional<Resume> resume) {

    /** An unfinished listing: its lower bound, its start (the future checkpoint) and the next page token. */
    public record Resume(Instant listedAfter, Instant runStartedAt, String nextToken) {
    }

    public static Checkpoint none() {
        return new Checkpoint(Optional.empty(), Optional.empty());
    }
}
