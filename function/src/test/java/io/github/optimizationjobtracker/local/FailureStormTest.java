package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A bad pipeline change fails many jobs at once: every job is still recorded and alerted exactly once, and one
 * summary says how many failed and why, grouped by category, on the alert topic and in chat.
 */
class FailureStormTest {
    private static final int JOBS = 50;
    private static final String[] REASONS = {
            "AlgorithmError: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
            "ClientError: Data download failed: AccessDenied: Access Denied when calling GetObject",
            "ValidationException: 1 validation error detected: Value at 'roleArn' failed to satisfy constraint"};
    private static final String[] CATEGORIES = {"GPU_MEMORY", "PERMISSIONS", "INVALID_CONFIGURATION"};

    @Test
    void fiftyConcurrentFailuresGiveFiftyAlertsAndOneSummaryOnEachChannel() throws Exception {
        try (Tracker tracker = new Tracker(Map.of(EnvironmentVariables.CHAT_TOPIC_ARN, Tracker.CHAT))) {
            Instant now = Instant.now();
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                String job = "storm-" + i;
                tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                        "FAILED", now.minusSeconds(3600), now.minusSeconds(60), REASONS[i % REASONS.length]));
                events.add(TestEvents.stateChange(job, "FAILED", now.minusSeconds(60)).getBytes());
            }
            List<LambdaAsyncInvoker> containers = IntStream.range(0, 10)
                    .mapToObj(i -> tracker.invokerFor(tracker.newHandler())).toList();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Delivery>> futures = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                LambdaAsyncInvoker container = containers.get(i % containers.size());
                byte[] event = events.get(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return container.deliver(event);
                }));
            }
            start.countDown();
            for (Future<Delivery> future : futures) {
                assertThat(future.get().succeeded()).isTrue();
            }
            pool.shutdown();

            long records = tracker.allItems().stream()
                    .filter(item -> item.get(TableLayout.SORT_KEY).s().equals(TableLayout.CURRENT_RECORD_KEY)).count();
            List<ReceivedAlert> alerts = tracker.alerts();
            List<ReceivedAlert> jobAlerts = alerts.stream().filter(a -> a.subject().startsWith("FAILED:")).toList();
            List<ReceivedAlert> summaries = alerts.stream().filter(a -> a.subject().startsWith("FAILURE STORM")).toList();
            List<ReceivedAlert> chat = tracker.chatMessages();
            List<ReceivedAlert> chatSummaries = chat.stream()
                    .filter(m -> m.json().at("/content/title").asText().contains("FAILURE STORM")).toList();
            JsonNode summary = summaries.isEmpty() ? null : summaries.get(0).json();
            System.out.printf("%nFAILURE STORM: %d concurrent failures on %d containers: %d records, %d job alerts"
                    + " (%d distinct), %d summary listing %s failures %s; chat: %d job messages, %d summary%n%n", JOBS,
                    containers.size(), records, jobAlerts.size(),
                    jobAlerts.stream().map(ReceivedAlert::subject).distinct().count(), summaries.size(),
                    summary == null ? "-" : summary.get("failures").asText(),
                    summary == null ? "" : summary.get("byCategory").toString(), chat.size() - chatSummaries.size(),
                    chatSummaries.size());

            assertThat(records).isEqualTo(JOBS);
            assertThat(jobAlerts).hasSize(JOBS);
            assertThat(jobAlerts).extracting(ReceivedAlert::subject).doesNotHaveDuplicates();
            assertThat(alerts).as("nothing but the job alerts and one summary").hasSize(JOBS + 1);
            assertThat(summaries).singleElement().satisfies(s -> {
                assertThat(s.attributes()).containsEntry("alertType", "FAILURE_STORM").containsEntry("status", "FAILED");
                assertThat(s.emailText()).contains("By category:");
            });
            // which failures cross the threshold first depends on scheduling; each listed one must carry its own category
            for (JsonNode job : summary.get("jobs")) {
                String name = job.get("jobName").asText();
                String category = CATEGORIES[Integer.parseInt(name.substring("storm-".length())) % CATEGORIES.length];
                assertThat(job.get("category").asText()).as(name).isEqualTo(category);
                assertThat(summaries.get(0).emailText()).as("%s listed under %s", name, category)
                        .containsPattern("(?m)^  " + category + " \\(\\d+\\):.*\\b" + name + "\\b");
            }
            assertThat(summary.get("failures").asInt()).as("at least the threshold, at most every failure")
                    .isBetween(5, JOBS);
            assertThat(summary.get("jobs")).hasSize(summary.get("failures").asInt());
            assertThat(chat).as("one chat message per alert, the summary included").hasSize(JOBS + 1);
            assertThat(chatSummaries).hasSize(1);
        }
    }

    @Test
    void failuresAfterTheSummaryWentOutDoNotClaimItAgain() {
        try (Tracker tracker = new Tracker()) {
            Instant now = Instant.now();
            int getItems = 0;
            int putItems = 0;
            for (int i = 0; i < 8; i++) {
                String job = "after-summary-" + i;
                tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                        "FAILED", now.minusSeconds(3600), now.minusSeconds(60), REASONS[0]));
                getItems = tracker.faults.calls("DynamoDb", "GetItem");
                putItems = tracker.faults.calls("DynamoDb", "PutItem");
                assertThat(tracker.deliver(TestEvents.stateChange(job, "FAILED", now.minusSeconds(60))).succeeded())
                        .isTrue();
            }

            assertThat(tracker.alerts()).filteredOn(a -> a.subject().startsWith("FAILURE STORM")).hasSize(1);
            assertThat(tracker.metrics.total(io.github.optimizationjobtracker.metrics.TrackerMetrics.ALERTS_PUBLISHED))
                    .as("eight job alerts and the summary").isEqualTo(9.0);
            assertThat(tracker.faults.calls("DynamoDb", "GetItem") - getItems)
                    .as("the last failure reads no claim of the summary this container sent").isZero();
            assertThat(tracker.faults.calls("DynamoDb", "PutItem") - putItems)
                    .as("the last failure writes its history entry and claims its own alert, nothing more")
                    .isEqualTo(2);
        }
    }

    @Test
    void fewerFailuresThanTheThresholdMakeNoStorm() {
        try (Tracker tracker = new Tracker()) {
            Instant now = Instant.now();
            for (int i = 0; i < 4; i++) {
                String job = "calm-" + i;
                tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                        "FAILED", now.minusSeconds(3600), now.minusSeconds(60), REASONS[0]));
                assertThat(tracker.deliver(TestEvents.stateChange(job, "FAILED", now.minusSeconds(60))).succeeded())
                        .isTrue();
            }
            assertThat(tracker.alerts()).hasSize(4).noneMatch(a -> a.subject().startsWith("FAILURE STORM"));
        }
    }

    @Test
    void rejectedCreatesThatAlertCountTowardAStorm() {
        try (Tracker tracker = new Tracker()) {
            Instant now = Instant.now();
            for (int i = 0; i < 5; i++) {
                String event = new String(TestEvents.sample("cloudtrail-create-failed"), StandardCharsets.UTF_8)
                        .replace("bad-role-quantization", "rejected-" + i)
                        // another mistake each time: the same caller repeating one mistake alerts once an hour
                        .replace("role/MissingRole", "role/MissingRole" + i)
                        .replace("fd271fda-3cb1-440a-845d-d6bb50fddd5e", java.util.UUID.randomUUID().toString())
                        .replace("6957e84d-cece-4dc8-afa8-4ed7ee67f869", java.util.UUID.randomUUID().toString())
                        .replaceAll("\"eventTime\": ?\"[^\"]+\"", "\"eventTime\": \"" + now + "\"")
                        .replaceAll("\"time\": ?\"[^\"]+\"", "\"time\": \"" + now + "\"");
                assertThat(tracker.deliver(event).succeeded()).isTrue();
            }
            List<ReceivedAlert> alerts = tracker.alerts();
            assertThat(alerts.stream().filter(a -> a.subject().startsWith("CREATE REJECTED"))).hasSize(5);
            assertThat(alerts.stream().filter(a -> a.subject().startsWith("FAILURE STORM"))).singleElement()
                    .satisfies(summary -> assertThat(summary.json().get("jobs")).hasSize(5));
            // delivered as a direct invocation would, the call's model source reaches the rejected-create item
            assertThat(tracker.allItems().stream().filter(item -> item.get(TableLayout.SORT_KEY).s()
                    .startsWith(TableLayout.REJECTED_CREATE_PREFIX))).hasSize(5).allSatisfy(item ->
                    assertThat(item.get(io.github.optimizationjobtracker.store.JobStore.MODEL_SOURCE).s())
                            .startsWith("s3://acme-ml-models-123456789012/"));
        }
    }

    @Test
    void aThresholdOfZeroTurnsStormsOff() {
        try (Tracker tracker = new Tracker(Map.of(EnvironmentVariables.STORM_THRESHOLD, "0"))) {
            Instant now = Instant.now();
            for (int i = 0; i < 6; i++) {
                String job = "off-" + i;
                tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                        "FAILED", now.minusSeconds(3600), now.minusSeconds(60), REASONS[1]));
                tracker.deliver(TestEvents.stateChange(job, "FAILED", now.minusSeconds(60)));
            }
            assertThat(tracker.alerts()).hasSize(6).noneMatch(a -> a.subject().startsWith("FAILURE STORM"));
            assertThat(tracker.allItems()).noneMatch(item -> item.get(TableLayout.PARTITION_KEY).s()
                    .equals(TableLayout.FAILURE_STORMS_PARTITION));
        }
    }
}
