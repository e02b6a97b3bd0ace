package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(createdOn("2025-01-01", "2025-12-31")).isEmpty();
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
