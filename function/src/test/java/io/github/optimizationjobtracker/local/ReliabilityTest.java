package io.github.optimizationjobtracker.local;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.alert.AlertComposer;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import io.github.optimizationjobtracker.json.Json;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery scenarios that users rely on at 3 a.m.: duplicates, concurrency, reordering, outages, errors that do not
 * go away. Each scenario states what SageMaker says (the truth its inputs imply) and derives from it what must be
 * stored and alerted; the table row compares that with what the stand-ins hold afterwards: current records and
 * history entries in dynalite, alerts in the SQS inbox, records in the dead-letter queue. "Lost" counts what should
 * be there and is not (a missing record, history entry, alert or dead letter); any lost item or any count outside
 * the expected range fails the scenario. The table is printed at the end and written to
 * target/reliability-report.md.
 */
class ReliabilityTest {
    private static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());
    private static final String FAILED_EVENT = "state-change-failed";
    private static final String FAILED_JOB = "llama3-8b-spec-decoding";
    private static final Instant FAILED_JOB_CREATED = Instant.parse("2026-11-27T09:12:05.339Z");

    /**
     * What a scenario must leave behind, derived from its inputs. Keys: a record is its job name; a history entry
     * and an alert are "job|creation time|status". {@code repeatsAllowed}: extra copies of an alert the design
     * permits in this scenario (a crash between publishing and recording the publish).
     */
    static final class Expected {
        final Set<String> records = new TreeSet<>();
        final Set<String> history = new TreeSet<>();
        final Set<String> alerts = new TreeSet<>();
        int deadLetters;
        int repeatsAllowed;

        /** SageMaker reported {@code status} for this incarnation: one history entry, an alert if it alerts. */
        Expected saw(String job, Instant created, String status) {
            records.add(job);
            history.add(key(job, created, status));
            if (status.equals("FAILED")) {
                alerts.add(key(job, created, status));
            }
            return this;
        }

        Expected deadLettered(int count) {
            deadLetters += count;
            return this;
        }

        Expected repeatsAllowed(int count) {
            repeatsAllowed = count;
            return this;
        }
    }

    static String key(String job, Instant created, String status) {
        return job + "|" + created.toString().replace("Z", "") + "|" + status;
    }

    private static String key(String job, String createdIso, String status) {
        return key(job, Instant.parse(createdIso), status);
    }

    /** Measures the scenario's outcome on the stand-ins against its expectation, adds its row, fails on any gap. */
    private static void verify(String scenario, Tracker tracker, Expected expected, int sent) {
        Set<String> records = new TreeSet<>();
        Set<String> history = new TreeSet<>();
        for (var item : tracker.allItems()) {
            String sortKey = item.get(TableLayout.SORT_KEY).s();
            String job = item.get(TableLayout.PARTITION_KEY).s();
            if (sortKey.equals(TableLayout.CURRENT_RECORD_KEY)) {
                records.add(job);
            } else if (sortKey.startsWith(TableLayout.HISTORY_PREFIX)) {
                history.add(key(job, item.get(TableLayout.CREATION_TIME).s(), item.get(JobStore.STATUS).s()));
            }
        }
        List<String> alerts = new ArrayList<>();
        int storms = 0;
        for (ReceivedAlert alert : tracker.alerts()) {
            JsonNode json = alert.json();
            if ("FAILURE_STORM".equals(json.get("alertType").asText())) {
                storms++;
                continue;
            }
            alerts.add(key(json.get("jobName").asText(), json.get("creationTime").asText(), json.get("status").asText()));
        }
        // Every scenario runs within one storm window: as many failures as the threshold make one summary.
        int expectedStorms = expected.alerts.stream().filter(a -> a.endsWith("|FAILED")).count()
                >= ProcessorConfig.DEFAULT_STORM_THRESHOLD ? 1 : 0;
        int deadLetters = tracker.deadLetters().size();

        int lost = (int) (expected.records.stream().filter(r -> !records.contains(r)).count()
                + expected.history.stream().filter(h -> !history.contains(h)).count()
                + expected.alerts.stream().filter(a -> !alerts.contains(a)).count()
                + Math.max(0, expected.deadLetters - deadLetters));
        int maxAlerts = expected.alerts.size() + expected.repeatsAllowed;
        ROWS.add(String.format("| %-56s | %4d | %3d / %3d | %3d / %3d | %5s / %3d | %d / %d | %2d / %2d | %4d |", scenario,
                sent, expected.records.size(), records.size(), expected.history.size(), history.size(),
                expected.repeatsAllowed == 0 ? Integer.toString(expected.alerts.size())
                        : expected.alerts.size() + "-" + maxAlerts, alerts.size(), expectedStorms, storms,
                expected.deadLetters, deadLetters, lost));

        assertThat(lost).as("items lost in: " + scenario).isZero();
        assertThat(records).as("current records in: " + scenario).isEqualTo(expected.records);
        assertThat(history).as("history entries in: " + scenario).isEqualTo(expected.history);
        assertThat(Set.copyOf(alerts)).as("jobs alerted in: " + scenario).isEqualTo(expected.alerts);
        assertThat(alerts.size()).as("alerts in: " + scenario).isBetween(expected.alerts.size(), maxAlerts);
        assertThat(deadLetters).as("dead letters in: " + scenario).isEqualTo(expected.deadLetters);
        assertThat(storms).as("storm summaries in: " + scenario).isEqualTo(expectedStorms);
    }

    @AfterAll
    static void printTable() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("Each count is expected / observed (records and history in the table, alerts in the subscriber's"
                + " queue, dead letters in the failure queue).");
        table.add("");
        table.add("| scenario                                                 | sent | records   | history   | alerts      | storm | DLQ     | lost |");
        table.add("|----------------------------------------------------------|------|-----------|-----------|-------------|-------|---------|------|");
        List<String> rows = new ArrayList<>(ROWS);
        Collections.sort(rows);
        table.addAll(rows);
        String text = String.join("\n", table);
        System.out.println("\nRELIABILITY TABLE\n" + text + "\n");
        Path report = Path.of("target", "reliability-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Reliability table\n\n" + text + "\n");
    }

    /** The sample jobs as their fixtures describe them: what each valid sample event must leave behind. */
    private static Expected sampleTruth(Expected expected, String sample) {
        JsonNode event = Json.parse(TestEvents.sample(sample));
        String job = event.at("/detail/OptimizationJobName").asText(null);
        if (job == null) {
            job = event.at("/detail/requestParameters/optimizationJobName").asText();
        }
        Path fixture = TestEvents.LAYOUT.describeFixtures().resolve(job + ".json");
        if (!Files.exists(fixture)) {
            return expected; // a job SageMaker does not know: a rejected create, a deleted job
        }
        JsonNode described;
        try {
            described = Json.parse(Files.readAllBytes(fixture));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Instant created = Instant.ofEpochMilli(described.get("CreationTime").decimalValue().movePointRight(3).longValue());
        return expected.saw(job, created, described.get("OptimizationJobStatus").asText());
    }

    @Test
    void everyValidSampleEventOnce() {
        try (Tracker tracker = new Tracker()) {
            Expected expected = new Expected();
            List<String> samples = List.of("state-change-starting", "state-change-inprogress",
                    "state-change-completed", "state-change-failed", "state-change-stopping", "state-change-stopped",
                    "cloudtrail-create", "cloudtrail-create-failed", "cloudtrail-stop", "cloudtrail-delete");
            List<Delivery> deliveries = new ArrayList<>();
            for (String sample : samples) {
                sampleTruth(expected, sample);
                deliveries.addAll(tracker.put(new String(TestEvents.sample(sample), StandardCharsets.UTF_8)));
            }
            // SageMaker no longer knows the deleted job: the CloudTrail call is the evidence, at its own time.
            expected.records.add("old-llama2-awq");
            expected.history.add(key("old-llama2-awq", Instant.parse("2026-11-25T17:03:44Z"), "DELETED"));
            assertThat(deliveries).hasSize(samples.size()).allMatch(Delivery::succeeded);
            // The rejected create alerts too, as a CREATE REJECTED alert of its own (no job record).
            List<ReceivedAlert> rejected = tracker.alerts().stream()
                    .filter(a -> a.json().get("alertType").asText().equals("CREATE_REJECTED")).toList();
            assertThat(rejected).singleElement().satisfies(a -> assertThat(a.subject())
                    .isEqualTo("CREATE REJECTED: SageMaker optimization job bad-role-quantization"));
            expected.alerts.add(key("bad-role-quantization", Instant.parse("2026-11-28T12:14:55Z"), "FAILED"));
            verify("every valid sample event once, as deployed", tracker, expected, samples.size());
        }
    }

    @Test
    void everyInvalidSampleEventIsDeadLettered() {
        try (Tracker tracker = new Tracker()) {
            List<String> samples = List.of("invalid/malformed", "invalid/missing-detail", "invalid/wrong-source",
                    "invalid/invalid-job-name", "invalid/unknown-status", "invalid/cloudtrail-other-call");
            List<Delivery> deliveries = samples.stream().map(s -> tracker.deliver(TestEvents.sample(s))).toList();

            assertThat(deliveries).noneMatch(Delivery::succeeded);
            verify("every invalid sample event (rejected, then DLQ)", tracker,
                    new Expected().deadLettered(samples.size()), samples.size());
        }
    }

    @Test
    void sameEventTwentyTimesInSequence() {
        try (Tracker tracker = new Tracker()) {
            byte[] event = TestEvents.sample(FAILED_EVENT);
            List<Delivery> deliveries = IntStream.range(0, 20).mapToObj(i -> tracker.deliver(event)).toList();

            assertThat(deliveries).allMatch(d -> d.succeeded() && d.attempts() == 1);
            verify("same FAILED event x20, one after another", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED"), deliveries.size());
        }
    }

    @Test
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
            verify("same FAILED event x20, concurrently on 4 containers", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED"), deliveries.size());
        }
    }

    @Test
    void aJobsSnapshotsInShuffledOrderNewestWins() {
        try (Tracker tracker = new Tracker()) {
            Expected expected = new Expected();
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
                            .withRequestBody(matchingJsonPath("$.OptimizationJobName", equalTo(job)))
                            .willReturn(SageMakerStandIn.ok(TestEvents.describeBody("llama3-8b-spec-decoding", job,
                                    snapshot[0], created, Instant.parse(snapshot[1]),
                                    snapshot[0].equals("FAILED") ? "boom" : null))));
                    state = next;
                    expected.saw(job, created, snapshot[0]);
                }
                for (String[] snapshot : order) {
                    deliveries.add(tracker.deliver(TestEvents.stateChange(job, snapshot[0], Instant.parse(snapshot[1]))));
                }
                assertThat(tracker.currentStatus(job)).as("order %s", order.stream().map(s -> s[0]).toList())
                        .isEqualTo("FAILED");
            }
            assertThat(deliveries).allMatch(Delivery::succeeded);
            verify("5 jobs, 4 snapshots each, in shuffled order", tracker, expected, deliveries.size());
        }
    }

    /** The first {@code failures} describes of a job answer with an error, the rest as SageMaker would. */
    private static void describeFails(Tracker tracker, String job, int failures, int status, String code) {
        var sageMaker = tracker.standIns.sageMaker();
        for (int i = 0; i < failures; i++) {
            sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.DESCRIBE).atPriority(1)
                    .inScenario(job).whenScenarioStateIs(i == 0 ? STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1))
                    .withRequestBody(matchingJsonPath("$.OptimizationJobName", equalTo(job)))
                    .willReturn(SageMakerStandIn.error(status, code, "injected: " + code)));
        }
    }

    @Test
    void sageMakerThrottlingAndServerErrorsAreRetriedBySdk() {
        try (Tracker tracker = new Tracker()) {
            var sageMaker = tracker.standIns.sageMaker();
            Expected expected = new Expected();
            List<Delivery> deliveries = new ArrayList<>();
            String[][] faults = {{"throttled-job", "ThrottlingException", "400"}, {"flaky-job", "InternalFailure", "500"},
                    {"unavailable-job", "ServiceUnavailable", "503"}};
            Instant created = Instant.parse("2026-11-28T01:00:00Z");
            for (String[] fault : faults) {
                String job = fault[0];
                int before = sageMaker.calls(SageMakerStandIn.DESCRIBE);
                describeFails(tracker, job, 2, Integer.parseInt(fault[2]), fault[1]);
                sageMaker.serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job, "FAILED",
                        created, Instant.parse("2026-11-28T02:00:00Z"), "boom"));
                Delivery delivery = tracker.deliver(TestEvents.stateChange(job, "FAILED", Instant.parse("2026-11-28T02:00:00Z")));
                deliveries.add(delivery);
                expected.saw(job, created, "FAILED");

                assertThat(delivery.succeeded()).isTrue();
                assertThat(delivery.attempts()).as("the SDK retried, not Lambda").isEqualTo(1);
                assertThat(sageMaker.calls(SageMakerStandIn.DESCRIBE) - before).isEqualTo(3);
            }
            verify("SageMaker throttling / 500 / 503 twice, then OK", tracker, expected, deliveries.size());
        }
    }

    @Test
    void sageMakerErrorsThatOutlastTheRetriesFailTheEventInsteadOfRecordingADeletion() {
        try (Tracker tracker = new Tracker()) {
            var sageMaker = tracker.standIns.sageMaker();
            List<Delivery> deliveries = new ArrayList<>();
            // (Throttling that never ends takes the SDK's full backoff, tens of seconds: OptimizationJobDescriberTest.)
            String[][] faults = {{"denied-job", "AccessDeniedException", "400"}, {"down-job", "InternalFailure", "500"}};
            for (String[] fault : faults) {
                // The job is on record (the processor has seen it), so a "not found" reading would mark it DELETED.
                Instant created = Instant.parse("2026-11-28T03:00:00Z");
                sageMaker.serveDescribe(fault[0], TestEvents.describeBody("llama3-8b-spec-decoding", fault[0],
                        "INPROGRESS", created, Instant.parse("2026-11-28T03:10:00Z"), null));
                assertThat(tracker.deliver(TestEvents.stateChange(fault[0], "INPROGRESS",
                        Instant.parse("2026-11-28T03:10:00Z"))).succeeded()).isTrue();
                int before = sageMaker.calls(SageMakerStandIn.DESCRIBE);
                describeFails(tracker, fault[0], 100, Integer.parseInt(fault[2]), fault[1]);

                Delivery delivery = tracker.deliver(TestEvents.stateChange(fault[0], "FAILED",
                        Instant.parse("2026-11-28T03:30:00Z")));
                deliveries.add(delivery);

                assertThat(delivery.succeeded()).as(fault[1]).isFalse();
                assertThat(delivery.lastError()).contains(fault[1]);
                assertThat(tracker.currentStatus(fault[0])).as("still what SageMaker last said").isEqualTo("INPROGRESS");
                int retried = fault[1].equals("AccessDeniedException") ? 1 : 6;
                assertThat(sageMaker.calls(SageMakerStandIn.DESCRIBE) - before).as("describe calls for " + fault[1])
                        .isEqualTo(retried * LambdaAsyncInvoker.MAX_ATTEMPTS);
            }
            Expected expected = new Expected().deadLettered(faults.length);
            for (String[] fault : faults) {
                expected.saw(fault[0], Instant.parse("2026-11-28T03:00:00Z"), "INPROGRESS");
            }
            verify("SageMaker AccessDenied / 500 that never end", tracker, expected,
                    deliveries.size() + faults.length);
        }
    }

    @Test
    void aJobNameReusedAfterAFailureKeepsBothIncarnationsApart() {
        try (Tracker tracker = new Tracker()) {
            var sageMaker = tracker.standIns.sageMaker();
            String job = "reused-after-failure";
            Instant first = Instant.parse("2026-11-28T04:00:00Z");
            Instant second = Instant.parse("2026-11-28T06:00:00Z");
            List<Delivery> deliveries = new ArrayList<>();
            sageMaker.serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job, "FAILED", first,
                    first.plusSeconds(600), "first incarnation: CUDA out of memory"));
            deliveries.add(tracker.deliver(TestEvents.stateChange(job, "FAILED", first.plusSeconds(600))));
            // Deleted, then created again under the same name: a new job, running.
            sageMaker.serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job, "INPROGRESS", second,
                    second.plusSeconds(60), null));
            deliveries.add(tracker.deliver(TestEvents.stateChange(job, "INPROGRESS", second.plusSeconds(60))));

            var current = tracker.queries.currentRecord(job).orElseThrow();
            assertThat(current.get(TableLayout.CREATION_TIME).s()).isEqualTo("2026-11-28T06:00:00.000Z");
            assertThat(current).as("nothing of the failed incarnation stays on the running one's record")
                    .doesNotContainKeys(JobStore.FAILURE_REASON, JobStore.FAILURE_CATEGORY);

            sageMaker.serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job, "FAILED", second,
                    second.plusSeconds(900), "second incarnation: bad quantization config"));
            deliveries.add(tracker.deliver(TestEvents.stateChange(job, "FAILED", second.plusSeconds(900))));

            assertThat(tracker.alerts()).extracting(a -> a.json().get("failureReason").asText())
                    .containsExactlyInAnyOrder("first incarnation: CUDA out of memory",
                            "second incarnation: bad quantization config");
            verify("a job name reused after a failure", tracker, new Expected()
                    .saw(job, first, "FAILED").saw(job, second, "INPROGRESS").saw(job, second, "FAILED"),
                    deliveries.size());
        }
    }

    @Test
    void dynamoDbOutageFailsTheInvocationAndTheRetryCompletes() {
        try (Tracker tracker = new Tracker()) {
            tracker.faults.failNext("DynamoDb", "PutItem", 1);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.lastError()).contains("injected outage: DynamoDb:PutItem");
            verify("DynamoDB down on the first attempt", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED"), 1);
        }
    }

    @Test
    void snsOutageFailsTheInvocationAndTheRetryPublishesOnce() {
        try (Tracker tracker = new Tracker()) {
            tracker.faults.failNext("Sns", "Publish", 1);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.lastError()).contains("injected outage: Sns:Publish");
            verify("SNS down on the first attempt", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED"), 1);
        }
    }

    @Test
    void snsDownForLongerThanAllRetriesParksTheEventThenARedrivePublishesOnce() {
        try (Tracker tracker = new Tracker()) {
            tracker.faults.failNext("Sns", "Publish", LambdaAsyncInvoker.MAX_ATTEMPTS);
            Delivery parked = tracker.deliver(TestEvents.sample(FAILED_EVENT));
            assertThat(parked.succeeded()).isFalse();
            List<String> deadLetters = tracker.deadLetters();
            assertThat(deadLetters).singleElement().asString().contains("injected outage: Sns:Publish")
                    .contains(FAILED_JOB);
            assertThat(tracker.alerts()).isEmpty();
            // An operator redrives the dead letter once SNS is back: the alert goes out, once.
            String redriven = Json.write(Json.parse(deadLetters.get(0).getBytes(StandardCharsets.UTF_8))
                    .get("requestPayload"));
            Delivery redrive = tracker.deliver(redriven);

            assertThat(redrive.succeeded()).isTrue();
            verify("SNS down for all 3 attempts, then DLQ redrive", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED").deadLettered(1), 2);
        }
    }

    @Test
    void aLostPublishResponseCausesAtMostOneRepeat() {
        try (Tracker tracker = new Tracker()) {
            // SNS accepted the message, but the reply never came back: the invocation cannot know it was sent.
            tracker.faults.loseNextResponses("Sns", "Publish", 1);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            verify("SNS accepted, reply lost (1 repeat allowed)", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED").repeatsAllowed(1), 1);
        }
    }

    @Test
    void aFailureToRecordTheSendRepeatsTheAlertAtMostOnce() {
        // Lease 300 ms, Lambda retry 600 ms later: the real ratio (45 s lease, retries after 1 and 2 minutes).
        try (Tracker tracker = new Tracker("FAILED", Duration.ofMillis(300), Duration.ofMillis(600))) {
            // UpdateItem #1 updates the current record, #2 marks the alert sent: make #2 fail after the publish.
            tracker.faults.failCall("DynamoDb", "UpdateItem", 2);
            Delivery delivery = tracker.deliver(TestEvents.sample(FAILED_EVENT));
            assertThat(delivery.succeeded()).isTrue();
            assertThat(delivery.attempts()).as("the alert is out: no reason to fail and retry").isEqualTo(1);

            // A duplicate of the event finds the claim unmarked; once the claim expires it may publish again.
            Delivery duplicate = tracker.deliver(TestEvents.sample(FAILED_EVENT));
            Delivery another = tracker.deliver(TestEvents.sample(FAILED_EVENT));

            assertThat(duplicate.succeeded()).isTrue();
            assertThat(another.succeeded()).isTrue();
            verify("DynamoDB down after publish, then 2 duplicates (1 repeat)", tracker,
                    new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED").repeatsAllowed(1), 3);
        }
    }

    @Test
    void aTenKilobyteMultiLineNonAsciiFailureReasonGivesASafeAlert() {
        try (Tracker tracker = new Tracker()) {
            String reason = ("Échec du modèle — 模型失败 — ошибка ✗ \u0007 tab\there\n").repeat(200);
            assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(10_000);
            String job = "unicode-failure";
            Instant created = Instant.parse("2026-11-28T01:00:00Z");
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "FAILED", created, Instant.parse("2026-11-28T02:00:00Z"), reason));
            tracker.deliver(TestEvents.stateChange(job, "FAILED", Instant.parse("2026-11-28T02:00:00Z")));

            ReceivedAlert alert = tracker.alerts().get(0);
            assertThat(alert.subject()).isEqualTo("FAILED: SageMaker optimization job unicode-failure");
            assertThat(alert.json().get("failureReason").asText()).isEqualTo(reason);
            assertThat(alert.envelope().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(AlertComposer.MAX_MESSAGE_BYTES);
            assertThat(tracker.queries.currentRecord(job).orElseThrow().get(JobStore.FAILURE_REASON).s()).isEqualTo(reason);
            verify("10 KB multi-line non-ASCII failure reason", tracker, new Expected().saw(job, created, "FAILED"), 1);
        }
    }

    @Test
    void aJobDeletedBeforeItCouldBeDescribedStillAlertsAndIsRecordedDeleted() {
        try (Tracker tracker = new Tracker()) {
            // The poller listed it FAILED and emitted the change; the job was deleted before the processor ran.
            Instant created = Instant.parse("2026-11-28T01:00:00Z");
            Instant changed = Instant.parse("2026-11-28T02:00:00Z");
            tracker.pollerEmitted("deleted-quickly", created, "FAILED", changed);
            String event = TestEvents.stateChange("deleted-quickly", "FAILED", changed)
                    .replace("\"LastModifiedTime\"", "\"CreationTime\":" + created.toEpochMilli() + ",\"LastModifiedTime\"");
            Delivery delivery = tracker.putOne(event);

            assertThat(delivery.succeeded()).isTrue();
            assertThat(tracker.currentStatus("deleted-quickly")).isEqualTo("DELETED");
            assertThat(tracker.alerts()).singleElement().satisfies(a -> assertThat(a.json().get("failureReason")
                    .asText()).contains("deleted before the tracker could describe it"));
            Expected expected = new Expected().saw("deleted-quickly", created, "FAILED");
            expected.history.add(key("deleted-quickly", created, "DELETED"));
            verify("FAILED the poller saw, job deleted before Describe", tracker, expected, 1);
        }
    }

    @Test
    void aReliabilityRowComparesWhatIsStoredNotWhatWasSent() {
        // The measure itself: a scenario whose expectation names an alert that never went out reports it lost.
        try (Tracker tracker = new Tracker()) {
            Expected expected = new Expected().saw(FAILED_JOB, FAILED_JOB_CREATED, "FAILED");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify("(self-check, not in the table)", tracker,
                    expected, 0)).hasMessageContaining("items lost in");
            ROWS.removeIf(row -> row.contains("(self-check"));
        }
    }
}
