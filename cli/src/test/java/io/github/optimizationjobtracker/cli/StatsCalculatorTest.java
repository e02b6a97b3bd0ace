package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StatsCalculatorTest {
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private static JobRecord job(String status, String type, int runtimeMinutes) {
        Instant ended = runtimeMinutes < 0 ? null : START.plus(Duration.ofMinutes(runtimeMinutes));
        return new JobRecord("job", null, status, START, START, START, ended, null, null, "ml.g5.12xlarge",
                type == null ? List.of() : List.of(type), null, null, null);
    }

    @Test
    void theFailureRateIsOfTheJobsThatSucceededOrFailedAndTheMedianOfTheCompletedRuntimes() {
        List<GroupStats> rows = new StatsCalculator(Optional.empty()).addAll(Stream.of(
                job("COMPLETED", null, 30), job("COMPLETED", null, 10), job("COMPLETED", null, 20),
                job("FAILED", null, 500), job("STOPPED", null, 1), job("INPROGRESS", null, -1))).result();

        assertThat(rows).singleElement().satisfies(all -> {
            assertThat(all.group()).isEqualTo(Grouping.ALL);
            assertThat(all.jobs()).isEqualTo(6);
            assertThat(all.completed()).isEqualTo(3);
            assertThat(all.failed()).isEqualTo(1);
            assertThat(all.failureRate()).hasValue(0.25);
            assertThat(all.medianRuntime()).hasValue(Duration.ofMinutes(20));
        });
    }

    @Test
    void anEvenCountsMedianIsTheMeanOfTheMiddleTwo() {
        List<GroupStats> rows = new StatsCalculator(Optional.empty()).addAll(Stream.of(
                job("COMPLETED", null, 10), job("COMPLETED", null, 40), job("COMPLETED", null, 20),
                job("COMPLETED", null, 25))).result();

        assertThat(rows.get(0).medianRuntime()).hasValue(Duration.ofSeconds(22 * 60 + 30));
    }

    @Test
    void groupsAreLargestFirstAndTheAllRowLastAndAJobOfNoTypeIsInNone() {
        List<GroupStats> rows = new StatsCalculator(Optional.of(Grouping.TYPE)).addAll(Stream.of(
                job("FAILED", "Sharding", -1), job("COMPLETED", "Quantization", 5), job("RUNNING", null, -1),
                job("FAILED", "Quantization", -1))).result();

        assertThat(rows).extracting(GroupStats::group)
                .containsExactly("Quantization", Grouping.NONE, "Sharding", Grouping.ALL);
        assertThat(rows.get(1).failureRate()).isEmpty();
        assertThat(rows.get(1).medianRuntime()).isEmpty();
        assertThat(rows.get(2).failureRate()).hasValue(1.0);
    }
}
