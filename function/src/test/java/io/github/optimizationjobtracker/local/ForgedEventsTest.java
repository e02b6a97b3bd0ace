package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.event.EventRoutes.Bus;
import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.TableLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An attacker inside the account tries to raise, suppress or leak an alert with events; the real jobs live in the
 * SageMaker stand-in and are found by the real poller. The invariant of every scenario: each real FAILED
 * incarnation is alerted exactly once, with SageMaker's reason, and nothing else is alerted. Each scenario adds a
 * row to the table printed at the end (and written to target/forged-events-report.md).
 */
class ForgedEventsTest {
    private static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());
    private static final String CUDA_OOM = "torch.OutOfMemoryError: CUDA out of memory (SageMaker's own reason)";
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Tracker tracker = new Tracker();
    private final SageMakerStandIn sageMaker = tracker.standIns.sageMaker();
    private final List<String> sent = new ArrayList<>();
    private final Map<String, String> realFailures = new java.util.LinkedHashMap<>();

    @AfterEach
    void tearDown() {
        sageMaker.serveListFixtures(TestEvents.LAYOUT.listFixtures());
        tracker.close();
    }

    @AfterAll
    static void printTable() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("| scenario | events (where they were put) | alerts expected | alerts published | records |");
        table.add("|---|---|---:|---:|---|");
        table.addAll(ROWS);
        String text = String.join("\n", table);
        System.out.println("\nFORGED-EVENT SCENARIOS\n" + text + "\n");
        Path report = Path.of("target", "forged-events-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Forged-event scenarios\n\n" + text + "\n");
    }

    /** A real job failing in SageMaker (just now): the one alert that must go out. */
    private void realJobFails(String name, Instant created) {
        sageMaker.serveJob(name, "FAILED", created, now.minusSeconds(30), CUDA_OOM);
        realFailures.put(name, CUDA_OOM);
    }

    @org.junit.jupiter.api.BeforeEach
    void onlyThisScenariosJobsExist() {
        sageMaker.serveJobs(List.of());
    }

    private List<Delivery> forge(Bus bus, String description, String event) {
        sent.add(description);
        return tracker.put(bus, event);
    }

    private Delivery forgeDirect(String description, String event) {
        sent.add(description);
        return tracker.deliver(event);
    }

    private void poll() {
        List<Delivery> deliveries = tracker.poll();
        sent.add("poll (" + deliveries.size() + " state change" + (deliveries.size() == 1 ? "" : "s") + ")");
        assertThat(deliveries).allMatch(Delivery::succeeded);
    }

    private static String stateChange(String job, String status, Instant created, Instant changed, String reason) {
        String event = TestEvents.stateChange(job, status, changed);
        return event.replace("\"LastModifiedTime\"", "\"CreationTime\":" + created.toEpochMilli()
                + (reason == null ? "" : ",\"FailureReason\":\"" + reason + "\"") + ",\"LastModifiedTime\"");
    }

    private String cloudTrailCreateRejected(String job, String errorCode, Instant at) {
        return new String(TestEvents.sample("cloudtrail-create-failed"), StandardCharsets.UTF_8)
                .replace("bad-role-quantization", job).replace("\"ValidationException\"", "\"" + errorCode + "\"")
                .replaceAll("\"eventTime\": ?\"[^\"]+\"", "\"eventTime\": \"" + at + "\"")
                .replaceAll("\"time\": ?\"[^\"]+\"", "\"time\": \"" + at + "\"");
    }

    /** Checks the invariant and writes the scenario's row. */
    private void verdict(String scenario) {
        List<ReceivedAlert> alerts = tracker.alerts();
        assertThat(alerts).as("alerts in: " + scenario).hasSize(realFailures.size());
        for (ReceivedAlert alert : alerts) {
            String job = alert.json().get("jobName").asText();
            assertThat(realFailures).as("alerted job is a real failure").containsKey(job);
            assertThat(alert.json().get("failureReason").asText()).as("SageMaker's reason")
                    .isEqualTo(realFailures.get(job));
            assertThat(alert.json().get("alertType").asText()).isEqualTo("JOB_STATUS");
        }
        ROWS.add(String.format("| %s | %s | %d | %d | %s |", scenario, String.join("; ", sent), realFailures.size(),
                alerts.size(), records()));
    }

    private String records() {
        List<String> records = new ArrayList<>();
        for (var item : tracker.allItems()) {
            String key = item.get(TableLayout.SORT_KEY).s();
            String job = item.get(TableLayout.PARTITION_KEY).s();
            if (key.equals(TableLayout.CURRENT_RECORD_KEY)) {
                records.add(job + " current " + item.get(TableLayout.CURRENT_STATUS).s());
            } else if (key.startsWith(TableLayout.REJECTED_CREATE_PREFIX)) {
                records.add(job + " rejected create " + item.get("ErrorCode").s());
            }
        }
        Collections.sort(records);
        return records.isEmpty() ? "none" : String.join(", ", records);
    }

    @Test
    void aForgedFailureOfAJobThatNeverExisted() {
        String forged = stateChange("never-existed", "FAILED", now.minusSeconds(3600), now.minusSeconds(60),
                "Pay the ransom at evil.example to restore your models");

        assertThat(forge(Bus.DEFAULT, "forged FAILED, default bus", forged)).as("no rule delivers it").isEmpty();
        assertThat(forgeDirect("same, invoked directly", forged).succeeded()).isTrue();

        assertThat(tracker.allItems()).as("nothing recorded for a job nobody knows").isEmpty();
        verdict("unknown job");
    }

    @Test
    void aForgedFutureIncarnationCannotHideTheRealFailure() {
        Instant created = now.minus(Duration.ofHours(1));
        sageMaker.serveJob("victim-job", "INPROGRESS", created, created.plusSeconds(60), null);
        poll();
        String forged = stateChange("victim-job", "FAILED", Instant.parse("9999-01-01T00:00:00Z"),
                Instant.parse("9999-01-01T00:00:00Z"), "forged");

        assertThat(forge(Bus.DEFAULT, "forged FAILED created 9999, default bus", forged)).isEmpty();
        Delivery direct = forgeDirect("same, invoked directly", forged);
        assertThat(direct.succeeded()).isFalse();
        assertThat(direct.lastError()).contains("is in the future");
        assertThat(tracker.deadLetters()).hasSize(1);

        realJobFails("victim-job", created);
        poll();

        assertThat(tracker.queries.currentRecord("victim-job").orElseThrow().get(JobStore.FAILURE_REASON).s())
                .isEqualTo(CUDA_OOM);
        verdict("future incarnation");
    }

    @Test
    void aForgedStatusThatContradictsSageMaker() {
        Instant created = now.minus(Duration.ofHours(2));
        sageMaker.serveJob("healthy-job", "INPROGRESS", created, created.plusSeconds(60), null);
        poll();
        String forged = stateChange("healthy-job", "FAILED", created, now.minusSeconds(30), "forged OOM");

        assertThat(forge(Bus.DEFAULT, "forged FAILED, default bus", forged)).isEmpty();
        assertThat(forgeDirect("same, invoked directly", forged).succeeded()).isTrue();

        assertThat(tracker.currentStatus("healthy-job")).isEqualTo("INPROGRESS");
        verdict("status contradicting Describe");
    }

    @Test
    void aRejectedCreateCannotMaskARealFailure() {
        Instant created = now.minus(Duration.ofHours(3));
        realJobFails("masked-job", created);
        poll();
        String retry = cloudTrailCreateRejected("masked-job", "ResourceInUse", now.minusSeconds(120));

        assertThat(forge(Bus.DEFAULT, "CloudTrail create ResourceInUse", retry)).singleElement()
                .satisfies(d -> assertThat(d.succeeded()).isTrue());
        poll();

        assertThat(tracker.currentStatus("masked-job")).isEqualTo("FAILED");
        assertThat(tracker.queries.currentRecord("masked-job").orElseThrow().get(JobStore.FAILURE_REASON).s())
                .isEqualTo(CUDA_OOM);
        verdict("failed create masking a real failure");
    }

    @Test
    void aThrottledCreateIsRecordedNotAlerted() {
        String throttled = cloudTrailCreateRejected("throttled-create", "ThrottlingException", now.minusSeconds(90));

        assertThat(forge(Bus.DEFAULT, "CloudTrail create ThrottlingException", throttled)).singleElement()
                .satisfies(d -> assertThat(d.succeeded()).isTrue());

        assertThat(tracker.queries.currentRecord("throttled-create")).isEmpty();
        verdict("throttled create");
    }

    @Test
    void aRealFailureRepeatedAndReplayedIsAlertedOnce() {
        Instant created = now.minus(Duration.ofHours(4));
        realJobFails("real-failure", created);
        poll();
        poll();
        String replay = stateChange("real-failure", "FAILED", created, now.minusSeconds(30), null);
        for (int i = 0; i < 3; i++) {
            forge(Bus.TRACKER, "replay on the tracker bus", replay);
        }
        forgeDirect("replay invoked directly", replay);

        verdict("real failure, polled twice, replayed 4 times");
    }

    private static String asTheTrackerBusRuleDelivers(String event) {
        return "{\"route\":\"tracker-bus\",\"event\":" + event + "}";
    }

    @Test
    void aForgedClaimOfTheTrackerBusRouteIsNoEvidence() {
        // Someone who may invoke the processor writes the wrapper the tracker bus's rule writes.
        String forged = stateChange("never-listed", "FAILED", now.minus(Duration.ofHours(2)), now.minusSeconds(60),
                "Pay the ransom at evil.example");

        assertThat(forgeDirect("forged FAILED in the tracker bus rule's wrapper, invoked directly",
                asTheTrackerBusRuleDelivers(forged)).succeeded()).isTrue();
        assertThat(forge(Bus.TRACKER, "same, as if it were on the tracker bus", forged)).singleElement()
                .satisfies(d -> assertThat(d.succeeded()).isTrue());

        assertThat(tracker.allItems()).isEmpty();
        verdict("forged tracker-bus route, job never listed");
    }

    @Test
    void aFailureOfAJobDeletedBeforeItWasDescribedIsStillAlertedWhenThePollerSawIt() {
        Instant created = now.minus(Duration.ofHours(5));
        sageMaker.serveJob("vanished-job", "FAILED", created, now.minusSeconds(90), CUDA_OOM);
        List<String> emitted = tracker.pollOnly();
        sent.add("poll (1 state change, not yet delivered)");
        sageMaker.deleteJob("vanished-job");
        assertThat(emitted).hasSize(1);

        assertThat(forge(Bus.DEFAULT, "the poller's event, put on the default bus", emitted.get(0))).isEmpty();
        assertThat(forge(Bus.TRACKER, "the poller's event, on the tracker bus", emitted.get(0))).singleElement()
                .satisfies(d -> assertThat(d.succeeded()).isTrue());
        forgeDirect("the same, replayed directly", emitted.get(0));

        ReceivedAlert alert = tracker.alerts().get(0);
        assertThat(alert.json().get("failureReason").asText()).contains("deleted before the tracker could describe it");
        realFailures.put("vanished-job", alert.json().get("failureReason").asText());
        assertThat(tracker.history("vanished-job")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("FAILED", "DELETED");
        verdict("FAILED job deleted before Describe");
    }

    @Test
    void aRecordForgedBeforeTheseChecksExistedIsReplacedByTheRealFailure() {
        Instant created = now.minus(Duration.ofHours(6));
        sageMaker.serveJob("poisoned-job", "INPROGRESS", created, created.plusSeconds(60), null);
        poll();
        // What the unchecked processor of earlier versions stored for a forged FAILED created in year 9999.
        tracker.dynamoDb.updateItem(r -> r.tableName(tracker.table).key(JobStore.currentKey("poisoned-job"))
                .updateExpression("SET #s = :s, #cs = :s, #c = :t, #m = :t, #v = :v")
                .expressionAttributeNames(Map.of("#s", JobStore.STATUS, "#cs", TableLayout.CURRENT_STATUS,
                        "#c", TableLayout.CREATION_TIME, "#m", TableLayout.LAST_MODIFIED_TIME,
                        "#v", JobStore.RECORD_VERSION))
                .expressionAttributeValues(Map.of(":s", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS("FAILED"),
                        ":t", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS("9999-01-01T00:00:00.000Z"),
                        ":v", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS("9999-01-01T00:00:00.000Z|9999-01-01T00:00:00.000Z"))));
        sent.add("(a forged FAILED, created 9999, already in the table)");

        realJobFails("poisoned-job", created);
        poll();

        assertThat(tracker.queries.currentRecord("poisoned-job").orElseThrow().get(TableLayout.CREATION_TIME).s())
                .isEqualTo(Instant.ofEpochMilli(created.toEpochMilli()).toString().replace("Z", ".000Z"));
        verdict("record forged by an earlier version");
    }
}
