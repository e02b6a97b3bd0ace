package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.store.JobHistory;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.TableLayout;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The four access patterns of the data model, each one GetItem or Query, against dynalite. */
class AccessPatternsTest {
    private static Tracker tracker;
    /** Facts per job, read straight from the describe fixtures: the expected answers. */
    private static List<JsonNode> fixtures;

    @BeforeAll
    static void loadEveryJob() throws IOException {
        tracker = new Tracker();
        try (Stream<Path> files = Files.list(TestEvents.LAYOUT.describeFixtures())) {
            fixtures = files.sorted().map(f -> {
                try {
                    return Json.parse(Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        for (JsonNode fixture : fixtures) {
            String job = fixture.get("OptimizationJobName").asText();
            var delivery = tracker.deliver(TestEvents.stateChange(job, fixture.get("OptimizationJobStatus").asText(),
                    time(fixture, "LastModifiedTime")));
            assertThat(delivery.succeeded()).as(delivery.lastError()).isTrue();
        }
        lifecycle("lifecycle-job");
        createdAt("newyear-eve", Instant.parse("2025-12-31T23:00:00Z"));
        createdAt("newyear-day", Instant.parse("2026-01-01T01:00:00Z"));
    }

    /** A job created at the given time and completed an hour later (the year of creation is its index partition). */
    private static void createdAt(String job, Instant created) {
        Instant completed = created.plusSeconds(3600);
        tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-awq-int4", job, "COMPLETED",
                created, completed, null));
        assertThat(tracker.deliver(TestEvents.stateChange(job, "COMPLETED", completed)).succeeded()).isTrue();
    }

    /** A job seen STARTING, INPROGRESS then COMPLETED: alphabetical order is the reverse of time order. */
    private static void lifecycle(String job) {
        Instant created = Instant.parse("2026-11-25T08:00:00Z");
        String[][] steps = {{"STARTING", "2026-11-25T08:00:01Z"}, {"INPROGRESS", "2026-11-25T08:05:00Z"},
                {"COMPLETED", "2026-11-25T09:30:00Z"}};
        for (String[] step : steps) {
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-awq-int4", job, step[0],
                    created, Instant.parse(step[1]), null));
            assertThat(tracker.deliver(TestEvents.stateChange(job, step[0], Instant.parse(step[1]))).succeeded()).isTrue();
        }
    }

    @AfterAll
    static void tearDown() {
        tracker.close();
    }

    private static Instant time(JsonNode fixture, String field) {
        return Times.fromEpochSeconds(new BigDecimal(fixture.get(field).asText()));
    }

    private static List<String> names(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get(TableLayout.PARTITION_KEY).s()).toList();
    }

    /** Jobs created on the given days (yyyy-MM-dd, inclusive), oldest first. */
    private static List<Map<String, AttributeValue>> createdOn(String firstDay, String lastDay) {
        return tracker.queries.createdBetween(Instant.parse(firstDay + "T00:00:00Z"),
                Instant.parse(lastDay + "T23:59:59.999Z"), JobHistory.Order.OLDEST_FIRST).toList();
    }

    @Test
    void currentRecordOfAJob() {
        Map<String, AttributeValue> record = tracker.queries.currentRecord("llama3-8b-spec-decoding").orElseThrow();

        assertThat(record.get(TableLayout.CURRENT_STATUS).s()).isEqualTo("FAILED");
        assertThat(record.get(JobStore.FAILURE_REASON).s()).contains("CUDA out of memory");
        assertThat(tracker.queries.currentRecord("no-such-job")).isEmpty();
    }

    @Test
    void statusHistoryOfAJobInTimeOrder() {
        assertThat(tracker.history("lifecycle-job")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("STARTING", "INPROGRESS", "COMPLETED");
        assertThat(tracker.queries.currentRecord("lifecycle-job").orElseThrow().get(TableLayout.CURRENT_STATUS).s())
                .isEqualTo("COMPLETED");
    }

    @Test
    void jobsInAStatusChangedWithinAWindowNewestFirst() {
        List<String> expected = fixtures.stream()
                .filter(f -> f.get("OptimizationJobStatus").asText().equals("FAILED"))
                .sorted(Comparator.comparing((JsonNode f) -> time(f, "LastModifiedTime")).reversed())
                .map(f -> f.get("OptimizationJobName").asText()).toList();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);

        assertThat(names(tracker.queries.inStatusChangedBetween("FAILED", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-30T23:59:59.999Z")).toList())).containsExactlyElementsOf(expected);
        assertThat(tracker.queries.inStatusChangedBetween("FAILED", Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-10-31T23:59:59.999Z"))).isEmpty();
    }

    @Test
    void jobsCreatedOnADayAndInARangeOfDays() {
        String day = Times.iso(time(fixtures.get(0), "CreationTime")).substring(0, 10);
        List<String> createdThatDay = fixtures.stream()
                .filter(f -> Times.iso(time(f, "CreationTime")).startsWith(day))
                .map(f -> f.get("OptimizationJobName").asText()).sorted().toList();

        assertThat(names(createdOn(day, day))).containsExactlyInAnyOrderElementsOf(createdThatDay);
        assertThat(names(createdOn("2026-11-01", "2026-11-30")))
                .hasSize(fixtures.size() + 1) // every fixture job plus lifecycle-job
                .contains("lifecycle-job");
        assertThat(names(createdOn("2025-01-01", "2025-12-31"))).containsExactly("newyear-eve");
    }

    @Test
    void aRangeAcrossNewYearIsOneQueryPerYearInTheOrderAsked() {
        Instant from = Instant.parse("2025-12-31T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T23:59:59.999Z");

        assertThat(names(tracker.queries.createdBetween(from, to, JobHistory.Order.OLDEST_FIRST).toList()))
                .containsExactly("newyear-eve", "newyear-day");
        assertThat(names(tracker.queries.createdBetween(from, to, JobHistory.Order.NEWEST_FIRST).toList()))
                .containsExactly("newyear-day", "newyear-eve");
        assertThat(tracker.queries.namesCreatedBetween(from, to).toList()).containsExactly("newyear-eve", "newyear-day");
        assertThatThrownBy(() -> tracker.queries.createdBetween(to, from, JobHistory.Order.OLDEST_FIRST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends").hasMessageContaining("before");
    }

    @Test
    void jobsInAStatusChangedSinceAMomentNewestFirst() {
        Instant since = Instant.parse("2025-06-01T00:00:00Z");

        assertThat(names(tracker.queries.inStatusChangedSince("COMPLETED", since).toList()))
                .containsExactlyElementsOf(names(tracker.queries.inStatusChangedBetween("COMPLETED", since,
                        Instant.parse("2100-01-01T00:00:00Z")).toList()))
                .contains("newyear-day", "newyear-eve", "lifecycle-job")
                .containsSubsequence("lifecycle-job", "newyear-day", "newyear-eve");
        assertThat(tracker.queries.inStatusChangedSince("COMPLETED", Instant.parse("2099-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aPageHoldsAtLeastOneItem() {
        assertThatThrownBy(() -> tracker.queries.withPageSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a page holds at least one item, not 0");
        assertThat(tracker.queries.withPageSize(1).currentRecord("newyear-eve")).isPresent();
    }

    @Test
    void everyPageOfAQueryIsRead() {
        JobHistory onePerPage = tracker.queries.withPageSize(1);

        assertThat(names(onePerPage.createdBetween(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-30T23:59:59.999Z"), JobHistory.Order.OLDEST_FIRST).toList()))
                .hasSize(fixtures.size() + 1)
                .containsExactlyElementsOf(names(createdOn("2026-11-01", "2026-11-30")));
        assertThat(onePerPage.history("lifecycle-job")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("STARTING", "INPROGRESS", "COMPLETED");
    }

    @Test
    void historyEntriesAndClaimsStayOutOfTheJobIndexes() {
        assertThat(createdOn("2026-01-01", "2026-12-31"))
                .allMatch(i -> i.get(TableLayout.SORT_KEY).s().equals(TableLayout.CURRENT_RECORD_KEY));
        assertThat(tracker.queries.inStatusChangedBetween("FAILED", Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:00Z")))
                .allMatch(i -> i.get(TableLayout.SORT_KEY).s().equals(TableLayout.CURRENT_RECORD_KEY));
    }
}
