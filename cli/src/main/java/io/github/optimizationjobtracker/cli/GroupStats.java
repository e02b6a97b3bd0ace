package io.github.optimizationjobtracker.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The numbers of one group of jobs.
 *
 * @param failureRate   failed ÷ (completed + failed): of the jobs that ended in success or failure, how many failed
 *                      (running and stopped jobs say nothing either way); empty when none did
 * @param medianRuntime the median runtime of the completed jobs; empty when none completed
 */
public record GroupStats(String group, int jobs, int completed, int failed, OptionalDouble failureRate,
                         Optional<Duration> medianRuntime) {
}
