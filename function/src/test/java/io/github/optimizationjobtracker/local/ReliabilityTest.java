package io.github.optimizationjobtracker.local;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.alert.AlertComposer;
import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.store.JobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Delivery scenarios that users rely on at 3 a.m.: duplicates, concurrency, reordering, outages. Each asserts its
 * own outcome and adds a row to the reliability table printed at the end (and written to
 * local/target/reliability-report.md). "Lost" counts events neither processed nor dead-lettered: it must be 0.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityTest {
    private static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());
    private static final String FAILED_EVENT = "state-change-failed";
    private static final String FAILED_JOB = "llama3-8b-spec-decoding";

    private static void row(String scenario, Tracker tracker, List<Delivery> deliveries) {
        long delivered = deliveries.stream().filter(Delivery::succeeded).count();
        long deadLettered = tracker.deadLetters().size();
        long lost = deliveries.size() - delivered - deadLettered;
        ROWS.add(String.format("| %-58s | %4d | %9d | %8d | %7d | %7d | %6d | %4d |", scenario, deliveries.size(),
                delivered, deadLettered, tracker.currentRecords(), tracker.historyEntries(), tracker.alerts().size(), lost));
        assertThat(lost).as("events lost in: " + scenario).isZero();
    }

    @AfterAll
    static void printTable() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("| scenario                                                   | sent | processed | dead-let | current | history | alerts | lost |");
        table.add("|------------------------------------------------------------|------|-----------|----------|---------|---------|--------|------|");
        table.addAll(ROWS);
        String text = String.join("\n", table);
        System.out.println("\nRELIABILITY TABLE\n" + text + "\n");
        Path report = Path.of("target", "reliability-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Reliability table\n\n" + text + "\n");
    }

    @Test
    @Order(1)
    void everyValidSampleEventOnce() {
        try (Tracker tracker = new Tracker()) {
            List<Delivery> deliveries = new ArrayList<>();
            for (String event : List.of("state-change-starting", "state-change-inprogress", "state-change-completed",
                    "state-change-failed", "state-change-stopping", "state-change-stopped", "cloudtrail-create",
                    "cloudtrail-create-failed", "cloudtrail-stop", "cloudtrail-delete")) {
                deliveries.add(tracker.deliver(TestEvents.sample(event)));
            }
            assertThat(deliveries).allMatch(Delivery::succeeded);
            assertThat(tracker.alerts()).extracting(ReceivedAlert::subject).containsExactlyInAnyOrder(
                    "FAILED: SageMaker optimization job llama3-8b-spec-decoding",
                    "CREATE REJECTED: SageMaker optimization job bad-role-quantization");
            row("every valid sample event once", tracker, deliveries);
        }
    }

    @Test
    @Order(2)
    void everyInvalidSampleEventIsDeadLettered() {
        try (Tracker tracker = new Tracker()) {
            List<Delivery> deliveries = new ArrayList<>();
            for (String event : List.of("invalid/malformed", "invalid/missing-detail", "invalid/wrong-source",
                    "invalid/invalid-job-name", "invalid/unknown-status", "invalid/cloudtrail-other-call")) {
                deliveries.add(tracker.deliver(TestEvents.sample(event)));
            }
            assertThat(deliveries).noneMatch(Delivery::succeeded);
            assertThat(tracker.metrics.total(TrackerMetrics.EVENTS_REJECTED)).isEqualTo(6 * LambdaAsyncInvoker.MAX_ATTEMPTS);
            row("every invalid sample event (rejected, then DLQ)", tracker, deliveries);
        }
    }

    @Test
    @Order(3)
    void sameEventTwentyTimesInSequence() {
        try (Tracker tracker = new Tracker()) {
            byte[] event = TestEvents.sample(FAILED_EVENT);
            List<Delivery> deliveries = IntStream.range(0, 20).mapToObj(i -> tracker.deliver(event)).toList();

            assertThat(deliveries).allMatch(d -> d.succeeded() && d.attempts() == 1);
            assertThat(tracker.history(FAILED_JOB)).hasSize(1);
            assertThat(tracker.alerts()).hasSize(1);
            assertThat(tracker.metrics.total(TrackerMetrics.DUPLICATES_SKIPPED)).isEqualTo(19 * 2); // history + alert
            row("same FAILED event x20, one after another", tracker, deliveries);
        }
    }

    @Test
    @Order(4)
    void sameEventTwentyTimesConcurrentlyOnFourContainers() throws Exception {
        try (Tracker tracker = new Tracker()) {
            byte[] event = TestEvents.sample(FAILED_EVENT);
            List<LambdaAsyncInvoker> containers = IntStream.range(0, 4)
                    .mapToObj(i -> tracker.invokerFor(tracker.newHandler())).toList();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Delivery>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LambdaAsyncInvoker container = containers.get(i % containers.size());
                futures.add(pool.submit(() -> {
                    start.await();
                    return container.deliver(event);
                }));
            }
            start.countDown();
            List<Delivery> deliveries = new ArrayList<>();
            for (Future<Delivery> future : futures) {
                deliveries.add(future.get());
            }
            pool.shutdown();

            assertThat(deliveries).allMatch(Delivery::succeeded);
            assertThat(tracker.history(FAILED_JOB)).hasSize(1);
            assertThat(tracker.alerts()).hasSize(1);
            row("same FAILED event x20, concurrently on 4 containers", tracker, deliveries);
        }
    }

    @Test
    @Order(5)
    void aJobsSnapshotsInShuffledOrderNewestWins() {
        try (Tracker tracker = new Tracker()) {
            List<Delivery> deliveries = new ArrayList<>();
            Instant created = Instant.parse("2026-11-26T07:00:00Z");
            String[][] lifecycle = {{"STARTING", "2026-11-26T07:00:01Z"}, {"INPROGRESS", "2026-11-26T07:04:00Z"},
                    {"STOPPING", "2026-11-26T07:30:00Z"}, {"FAILED", "2026-11-26T07:31:00Z"}};
            for (int seed = 0; seed < 5; seed++) {
                String job = "shuffled-" + seed;
                List<String[]> order = new ArrayList<>(List.of(lifecycle));
                Collections.shuffle(order, new Random(seed));
                // Each describe answers the next snapshot of the shuffled order: as when concurrent invocations
                // describe at different moments and write in another order.
                String state = STARTED;
                for (int i = 0; i < order.size(); i++) {
                    String[] snapshot = order.get(i);
                    String next = "after-" + i;
                    tracker.standIns.sageMaker().server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.DESCRIBE)
                            .atPriority(1).inScenario(job).whenScenarioStateIs(state).willSetStateTo(next)
                            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                                    "$.OptimizationJobName", com.github.tomakehurst.wiremock.client.WireMock.equalTo(job)))
                            .willReturn(SageMakerStandIn.ok(TestEvents.describeBody("llama3-8b-spec-decoding", job,
                                    snapshot[0], created, Instant.parse(snapshot[1]),
                                    snapshot[0].equals("FAILED") ? "boom" : null))));
                    state = next;
                }
                for (String[] snapshot : order) {
                    deliveries.add(tracker.deliver(TestEvents.stateChange(job, snapshot[0], Instant.parse(snapshot[1]))));
                }
                assertThat(tracker.currentStatus(job)).as("order %s", order.stream().map(s -> s[0]).toList())
                        .isEqualTo("FAILED");
                assertThat(tracker.history(job)).extracting(i -> i.get(JobStore.STATUS).s())
                        .containsExactly("STARTING", "INPROGRESS", "STOPPING", "FAILED");
            }
            assertThat(deliveries).allMatch(Delivery::succeeded);
            assertThat(tracker.alerts()).hasSize(5);
            assertThat(tracker.metrics.total(TrackerMetrics.STALE_EVENTS_SKIPPED)).isPositive();
            row("5 jobs, 4 snapshots each, in shuffled order", tracker, deliveries);
        }
    }

    @Test
    @Order(6)
    void sageMakerThrottlingAndServerErrorsAreRetriedBySdk() {
        try (Tracker tracker = new Tracker()) {
            var sageMaker = tracker.standIns.sageMaker();
            List<Delivery> deliveries = new ArrayList<>();
            String[][] faults = {{"throttled-job", "ThrottlingException", "400"}, {"flaky-job", "InternalFailure", "500"},
                    {"unavailable-job", "ServiceUnavailable", "503"}};
            for (String[] fault : faults) {
                String job = fault[0];
                int before = sageMaker.calls(SageMakerStandIn.DESCRIBE);
                for (int i = 0; i < 2; i++) {
                    sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.DESCRIBE).atPriority(1)
                            .inScenario(job).whenScenarioStateIs(i == 0 ? STARTED : "failed-once")
                            .willSetStateTo(i == 0 ? "failed-once" : "recovered")
                            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                                    "$.OptimizationJobName", com.github.tomakehurst.wiremock.client.WireMock.equalTo(job)))
                            .willReturn(SageMakerStandIn.error(Integer.parseInt(fault[2]), fault[1], "Rate exceeded")));
                }
                sageMaker.serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job, "FAILED",
                        Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-11-28T02:00:00Z"), "boom"));
                Delivery delivery = tracker.deliver(TestEvents.stateChange(job, "FAILED", Instant.parse("2026-11-28T02:00:00Z")));
                deliveries.add(delivery);

                assertThat(delivery.succeeded()).isTrue();
                assertThat(delivery.attempts()).as("the SDK retried, not Lambda").isEqualTo(1);
                assertThat(sageMaker.calls(SageMakerStandIn.DESCRIBE) - before).isEqualTo(3);
            }
            assertThat(tracker.alerts()).hasSize(3);
            row("SageMaker throttling / 500 / 503 twice, then OK", tracker, deliveries);
        }
    }

    @Test
    @Order(7)
    void dynamoDbOutageFailsTheInvocationAndTheRetryCompletes() {
        try (Tracker tracker = new Tracker()) {
            tracker.faults.failNext("DynamoDb", "PutItem", 1);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.lastError()).contains("injected outage: DynamoDb:PutItem");
            assertThat(tracker.alerts()).hasSize(1);
            row("DynamoDB down on the first attempt", tracker, List.of(delivery));
        }
    }

    @Test
    @Order(8)
    void snsOutageFailsTheInvocationAndTheRetryPublishesOnce() {
        try (Tracker tracker = new Tracker()) {
            tracker.faults.failNext("Sns", "Publish", 1);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.lastError()).contains("injected outage: Sns:Publish");
            assertThat(tracker.alerts()).hasSize(1);
            row("SNS down on the first attempt", tracker, List.of(delivery));
        }
    }

    @Test
    @Order(9)
    void snsDownForLongerThanAllRetriesParksTheEventInTheDeadLetterQueue() {
        try (Tracker tracker = new Tracker()) {
            tracker.faults.failNext("Sns", "Publish", LambdaAsyncInvoker.MAX_ATTEMPTS);
            Delivery parked = tracker.deliver(TestEvents.sample(FAILED_EVENT));
            assertThat(parked.succeeded()).isFalse();
            List<String> deadLetters = tracker.deadLetters();
            assertThat(deadLetters).singleElement().asString().contains("injected outage: Sns:Publish")
                    .contains(FAILED_JOB);
            // An operator redrives the dead letter once SNS is back: the alert goes out, once.
            String redriven = io.github.optimizationjobtracker.json.Json.write(
                    io.github.optimizationjobtracker.json.Json.parse(deadLetters.get(0).getBytes(StandardCharsets.UTF_8))
                            .get("requestPayload"));
            Delivery redrive = tracker.deliver(redriven);

            assertThat(redrive.succeeded()).isTrue();
            assertThat(tracker.alerts()).hasSize(1);
            ROWS.add(String.format("| %-58s | %4d | %9d | %8d | %7d | %7d | %6d | %4d |",
                    "SNS down for all 3 attempts, then DLQ redrive", 1, 1, 1, tracker.currentRecords(),
                    tracker.historyEntries(), tracker.alerts().size(), 0));
        }
    }

    @Test
    @Order(10)
    void aLostPublishResponseCausesAtMostOneRepeat() {
        try (Tracker tracker = new Tracker()) {
            // SNS accepted the message, but the reply never came back: the invocation cannot know it was sent.
            tracker.faults.loseNextResponses("Sns", "Publish", 1);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(tracker.alerts()).as("the design allows one repeat here, never a loss").hasSize(2);
            row("SNS accepted, reply lost (1 repeat allowed)", tracker, List.of(delivery));
        }
    }

    @Test
    @Order(10)
    void aFailureToRecordTheSendRepeatsTheAlertAtMostOnce() {
        // Lease 300 ms, Lambda retry 600 ms later: the real ratio (45 s lease, retries after 1 and 2 minutes).
        try (Tracker tracker = new Tracker("FAILED", Duration.ofMillis(300), Duration.ofMillis(600))) {
            // UpdateItem #1 updates the current record, #2 marks the alert sent: make #2 fail after the publish.
            tracker.faults.failCall("DynamoDb", "UpdateItem", 2);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));
            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).as("the alert is out: no reason to fail and retry").isEqualTo(1);
            assertThat(tracker.alerts()).hasSize(1);

            // A duplicate of the event finds the claim unmarked; once the claim expires it publishes again.
            Delivery duplicate = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(duplicate.succeeded()).isTrue();
            assertThat(tracker.alerts()).as("one repeat at most, never a loss").hasSize(2);
            row("DynamoDB down after publish, then a duplicate (1 repeat)", tracker, List.of(delivery, duplicate));
        }
    }

    @Test
    @Order(11)
    void aTenKilobyteMultiLineNonAsciiFailureReasonGivesASafeAlert() {
        try (Tracker tracker = new Tracker()) {
            String reason = ("Échec du modèle — 模型失败 — ошибка ✗ \u0007 tab\there\n").repeat(200);
            assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(10_000);
            String job = "unicode-failure";
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "FAILED", Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-11-28T02:00:00Z"), reason));
            Delivery delivery = tracker.deliver(TestEvents.stateChange(job, "FAILED", Instant.parse("2026-11-28T02:00:00Z")));

            ReceivedAlert alert = tracker.alerts().get(0);
            assertThat(alert.subject()).isEqualTo("FAILED: SageMaker optimization job unicode-failure");
            assertThat(alert.json().get("failureReason").asText()).isEqualTo(reason);
            assertThat(alert.envelope().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(AlertComposer.MAX_MESSAGE_BYTES);
            assertThat(tracker.queries.currentRecord(job).orElseThrow().get(JobStore.FAILURE_REASON).s()).isEqualTo(reason);
            row("10 KB multi-line non-ASCII failure reason", tracker, List.of(delivery));
        }
    }

    @Test
    @Order(12)
    void aJobDeletedBeforeItCouldBeDescribedStillAlertsAndIsRecordedDeleted() {
        try (Tracker tracker = new Tracker()) {
            String event = TestEvents.stateChange("deleted-quickly", "FAILED", Instant.parse("2026-11-28T02:00:00Z"))
                    .replace("\"LastModifiedTime\"", "\"FailureReason\":\"disk full\",\"LastModifiedTime\"");
            Delivery delivery = tracker.putOne(event);

            assertThat(delivery.succeeded()).isTrue();
            assertThat(tracker.currentStatus("deleted-quickly")).isEqualTo("DELETED");
            assertThat(tracker.history("deleted-quickly")).extracting(i -> i.get(JobStore.STATUS).s())
                    .containsExactly("FAILED", "DELETED");
            assertThat(tracker.alerts()).singleElement().satisfies(a ->
                    assertThat(a.json().get("failureReason").asText()).isEqualTo("disk full"));
            row("FAILED event for a job already deleted (ResourceNotFound)", tracker, List.of(delivery));
        }
    }
}
