package io.github.optimizationjobtracker.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jobs created in [from, to], grouped: the largest group first, and a last row of every job.
 *
 * @param grouping empty: no --by, the one row of every job
 */
public record StatsReport(Optional<Grouping> grouping, Instant from, Instant to, List<GroupStats> groups) {
}
