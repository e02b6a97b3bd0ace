package io.github.optimizationjobtracker.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every status a job name went through, in time order, across every incarnation of the name. */
public record Timeline(String job, List<Entry> entries) {

    /**
     * One status reached.
     *
     * @param incarnation    the creation time of the job this status belongs to (a reused name has several)
     * @param newIncarnation whether this is the first status of its incarnation
     * @param sincePrevious  time since the previous status of the same incarnation; empty for its first
     * @param origin         which sighting recorded it (the poller's state change, a CloudTrail call, ...)
     */
    public record Entry(Instant at, String status, Instant incarnation, boolean newIncarnation,
                        Optional<Duration> sincePrevious, String origin) {
    }
}
