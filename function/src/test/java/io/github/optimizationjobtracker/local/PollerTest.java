package io.github.optimizationjobtracker.local;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.poller.JobPoller;
import io.github.optimizationjobtracker.poller.PollResult;
import io.github.optimizationjobtracker.poller.PollerFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against the SageMaker and EventBridge stand-ins and dynalite. */
class PollerTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String[] STATUSES = {"STARTING", "INPROGRESS", "COMPLETED", "FAILED", "STOPPING", "STOPPED"};
    private Tracker tracker;
    private EventBridgeStandIn bus;
    private SageMakerStandIn sageMaker;
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void setUp() {
        tracker = new Tracker();
        bus = tracker.standIns.eventBridge();
        sageMaker = tracker.standIns.sageMaker();
        bus.reset();
    }

    @AfterEach
    void tearDown() {
        sageMaker.serveListFixtures(TestEvents.LAYOUT.listFixtures());
        tracker.close();
    }

    private JobPoller poller(String backfillHours, int pageSize) {
        return poller(tracker, metrics, clock, backfillHours, pageSize);
    }

    /** A poller of the tracker's table, through its fault injector, on the given clock. */
    static JobPoller poller(Tracker tracker, RecordingMetrics metrics, Clock clock, String backfillHours,
                            int pageSize) {
        Map<String, String> variables = new HashMap<>(tracker.env.pollerVariables());
        variables.put(EnvironmentVariables.TABLE_NAME, tracker.table);
        variables.put(EnvironmentVariables.POLL_BACKFILL_HOURS, backfillHours);
        variables.put(EnvironmentVariables.POLL_PAGE_SIZE, Integer.toString(pageSize));
        PollerConfig config = PollerConfig.fromEnvironment(variables);
        return PollerFactory.create(config, new AwsClients(config.region(), LocalEnvironment.CREDENTIALS,
                config.endpoints(), b -> b.addExecutionInterceptor(tracker.faults)), metrics, clock,
                Duration.ofSeconds(15), 1);
    }

    static final LongSupplier PLENTY_OF_TIME = () -> 60_000;

    /** Jobs with distinct names and statuses, modified in the hour before NOW. */
    static List<JsonNode> jobs(String prefix, int count) {
        List<JsonNode> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(summary(prefix + "-" + i, STATUSES[i % STATUSES.length],
                    NOW.minusSeconds(7200 + i), NOW.minusSeconds(3600 - (i % 3000))));
        }
        return jobs;
    }

    private static ObjectNode summary(String name, String status, Instant created, Instant modified) {
        ObjectNode job = Json.object();
        job.put("OptimizationJobName", name);
        job.put("OptimizationJobArn", "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/" + name);
        job.put("OptimizationJobStatus", status);
        job.put("CreationTime", seconds(created));
        job.put("LastModifiedTime", seconds(modified));
        job.put("DeploymentInstanceType", "ml.g5.12xlarge");
        job.putArray("OptimizationTypes").add("Quantization");
        return job;
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    private static Set<String> names(List<String> events) {
        Set<String> names = new HashSet<>();
        for (String event : events) {
            names.add(Json.parse(event.getBytes(StandardCharsets.UTF_8)).get("detail").get("OptimizationJobName").asText());
        }
        return names;
    }

    /** Routes emitted events into the processor, as the rule on the tracker's bus does. */
    private void routeToProcessor(List<String> events) {
        assertThat(bus.busNames()).as("the poller puts its events on the tracker's own bus only")
                .containsExactly(LocalEnvironment.TRACKER_BUS);
        for (String event : events) {
            assertThat(tracker.put(io.github.optimizationjobtracker.event.EventRoutes.Bus.TRACKER, event))
                    .singleElement().satisfies(delivery -> assertThat(delivery.succeeded()).isTrue());
        }
    }

    @Test
    void followsEveryPageOfAThousandJobs() {
        sageMaker.serveJobs(jobs("paged", 1000));
        int listCallsBefore = sageMaker.calls(SageMakerStandIn.LIST);

        PollResult result = poller("ALL", 100).poll(PLENTY_OF_TIME);

        assertThat(result.complete()).isTrue();
        assertThat(result.pagesRead()).isEqualTo(10);
        assertThat(sageMaker.calls(SageMakerStandIn.LIST) - listCallsBefore).isEqualTo(10);
        List<String> events = bus.drain();
        assertThat(events).hasSize(1000);
        assertThat(names(events)).hasSize(1000);
        assertThat(result.putEventsCalls()).isEqualTo(100);
        assertThat(metrics.total(TrackerMetrics.POLLER_HEARTBEAT)).isEqualTo(1);
        JsonNode first = events.stream().map(e -> Json.parse(e.getBytes(StandardCharsets.UTF_8)))
                .filter(e -> e.get("detail").get("OptimizationJobName").asText().equals("paged-0")).findFirst().orElseThrow();
        assertThat(first.get("source").asText()).isEqualTo("optimization-job-tracker");
        assertThat(first.get("detail-type").asText()).isEqualTo("SageMaker Optimization Job State Change");
        assertThat(first.get("resources").get(0).asText()).endsWith(":optimization-job/paged-0");
        assertThat(first.get("detail").get("OptimizationJobStatus").asText()).isEqualTo("STARTING");
        assertThat(first.get("detail").get("CreationTime").asLong()).isEqualTo(NOW.minusSeconds(7200).toEpochMilli());
    }

    @Test
    void emitsOnlyJobsThatChangedSinceTheTableLastSawThem() {
        // Modified inside the overlap the next poll re-reads: it lists them again, and only the table can tell
        // that they are not news.
        List<JsonNode> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(summary("changing-" + i, STATUSES[i % STATUSES.length], NOW.minusSeconds(7200 + i),
                    NOW.minusSeconds(120 + i)));
        }
        sageMaker.serveJobs(jobs);
        for (JsonNode job : jobs) {
            sageMaker.serveDescribe(job.get("OptimizationJobName").asText(), describeOf(job));
        }
        poller("ALL", 5).poll(PLENTY_OF_TIME);
        routeToProcessor(bus.drain());

        clock.advance(Duration.ofMinutes(1));
        PollResult again = poller("ALL", 5).poll(PLENTY_OF_TIME);
        assertThat(again.jobsSeen()).as("listed again, within the overlap").isEqualTo(12);
        assertThat(bus.drain()).as("nothing changed").isEmpty();
        assertThat(again.eventsEmitted()).isZero();

        List<JsonNode> changed = new ArrayList<>(jobs);
        for (int i : new int[] {0, 7}) { // STARTING -> INPROGRESS, INPROGRESS -> COMPLETED
            ObjectNode job = ((ObjectNode) jobs.get(i)).deepCopy();
            job.put("OptimizationJobStatus", STATUSES[(i + 1) % STATUSES.length]);
            job.put("LastModifiedTime", seconds(clock.instant()));
            changed.set(i, job);
        }
        sageMaker.serveJobs(changed);
        clock.advance(Duration.ofMinutes(1));
        poller("ALL", 5).poll(PLENTY_OF_TIME);

        List<String> events = bus.drain();
        assertThat(names(events)).containsExactlyInAnyOrder("changing-0", "changing-7");
        assertThat(events).allSatisfy(e -> assertThat(Json.parse(e.getBytes(StandardCharsets.UTF_8)).get("detail")
                .has("PreviousStatus")).isTrue());
    }

    @Test
    void aJobModifiedJustBeforeTheCheckpointButListedLateIsNotMissed() {
        sageMaker.serveJobs(List.of(summary("early", "COMPLETED", NOW.minusSeconds(900), NOW.minusSeconds(600))));
        JobPoller poller = poller("1", 100);
        poller.poll(PLENTY_OF_TIME); // checkpoint = NOW
        assertThat(names(bus.drain())).containsExactly("early");

        // SageMaker's clock runs 90 s behind ours, or the write became visible late: the job's LastModifiedTime
        // is before our checkpoint, yet it was not listed by the poll that set the checkpoint.
        sageMaker.serveJobs(List.of(
                summary("early", "COMPLETED", NOW.minusSeconds(900), NOW.minusSeconds(600)),
                summary("late-visible", "FAILED", NOW.minusSeconds(300), NOW.minusSeconds(90))));
        clock.advance(Duration.ofMinutes(1));
        PollResult result = poller.poll(PLENTY_OF_TIME);

        assertThat(result.listedAfter()).isEqualTo(NOW.minus(Duration.ofSeconds(300)));
        assertThat(names(bus.drain())).contains("late-visible");
    }

    @Test
    void everyPollCountsWhatItDidAndBeatsItsHeart() {
        List<JsonNode> jobs = List.of(summary("counted-a", "INPROGRESS", NOW.minusSeconds(600), NOW.minusSeconds(90)),
                summary("counted-b", "FAILED", NOW.minusSeconds(600), NOW.minusSeconds(30)),
                summary("counted-c", "STARTING", NOW.minusSeconds(600), NOW.minusSeconds(60)));
        sageMaker.serveJobs(jobs);
        jobs.forEach(job -> sageMaker.serveDescribe(job.get("OptimizationJobName").asText(), describeOf(job)));

        PollResult first = poller("ALL", 2).poll(PLENTY_OF_TIME);

        assertThat(first.eventsEmitted()).isEqualTo(3);
        assertThat(first.maxLagSeconds()).as("the oldest change emitted").isEqualTo(90.0);
        assertThat(metrics.snapshot()).containsEntry(TrackerMetrics.PAGES_READ, 2.0)
                .containsEntry(TrackerMetrics.JOBS_SEEN, 3.0).containsEntry(TrackerMetrics.EVENTS_EMITTED, 3.0)
                .containsEntry(TrackerMetrics.POLL_LAG_SECONDS, 90.0).containsEntry(TrackerMetrics.POLLER_HEARTBEAT, 1.0);

        // The processor records them; the next poll sees them again in its overlap, emits nothing, reports no lag.
        routeToProcessor(bus.drain());
        clock.advance(Duration.ofMinutes(1));
        PollResult second = poller("ALL", 2).poll(PLENTY_OF_TIME);

        assertThat(second.eventsEmitted()).isZero();
        assertThat(metrics.snapshot()).containsEntry(TrackerMetrics.POLLER_HEARTBEAT, 2.0)
                .containsEntry(TrackerMetrics.JOBS_SEEN, 6.0).containsEntry(TrackerMetrics.EVENTS_EMITTED, 3.0)
                .containsEntry(TrackerMetrics.POLL_LAG_SECONDS, 90.0);
    }

    @Test
    void aRunThatStartsWithTooLittleTimeListsNothingAndOneWithJustEnoughLists() {
        sageMaker.serveJobs(jobs("timed", 3));
        int before = sageMaker.calls(SageMakerStandIn.LIST);

        PollResult tooLate = poller("ALL", 100).poll(() -> Duration.ofSeconds(15).toMillis() - 1);
        assertThat(tooLate.complete()).isFalse();
        assertThat(tooLate.pagesRead()).isZero();
        assertThat(sageMaker.calls(SageMakerStandIn.LIST)).isEqualTo(before);
        assertThat(metrics.total(TrackerMetrics.POLLER_HEARTBEAT)).as("a run that stops early still ran").isEqualTo(1);

        PollResult justInTime = poller("ALL", 100).poll(() -> Duration.ofSeconds(15).toMillis());
        assertThat(justInTime.complete()).isTrue();
        assertThat(justInTime.eventsEmitted()).isEqualTo(3);
    }

    @Test
    void anExpiredPageTokenRestartsTheListingOnceAndOtherErrorsFailTheRun() {
        sageMaker.serveJobs(jobs("expiring", 30));
        AtomicInteger checks = new AtomicInteger();
        PollResult first = poller("ALL", 10).poll(() -> checks.incrementAndGet() <= 1 ? 60_000 : 1_000);
        assertThat(first.pagesRead()).isEqualTo(1);
        bus.drain();
        // The saved token (for the second page) has expired by the next run: SageMaker rejects it once.
        sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.LIST)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.NextToken"))
                .inScenario("expired token").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("rejected").atPriority(1)
                .willReturn(SageMakerStandIn.error(400, "ValidationException", "The pagination token is invalid")));

        PollResult resumed = poller("ALL", 10).poll(PLENTY_OF_TIME);

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.listCalls()).as("the rejected resume, then the listing from its start").isEqualTo(4);
        assertThat(names(bus.drain())).as("from the start again: duplicates are harmless").hasSize(30);

        // A token rejected after a page went out, or another error, is not an expired token: the run fails.
        sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.LIST).atPriority(1)
                .willReturn(SageMakerStandIn.error(400, "AccessDeniedException", "not authorized")));
        assertThatThrownBy(() -> poller("ALL", 10).poll(PLENTY_OF_TIME)).hasMessageContaining("not authorized");
    }

    @Test
    void aFullBackfillListsWithoutATimeFilter() {
        sageMaker.serveJobs(jobs("unfiltered", 1));
        sageMaker.server().resetRequests();

        poller("ALL", 100).poll(PLENTY_OF_TIME);

        var requests = sageMaker.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        JsonNode body = Json.parse(requests.get(0).getBody());
        assertThat(body.has("LastModifiedTimeAfter")).as("ListOptimizationJobs request %s", body).isFalse();
    }

    @Test
    void firstRunLooksBackOnlyAsFarAsTheBackfillWindow() {
        sageMaker.serveJobs(List.of(
                summary("old", "COMPLETED", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))),
                summary("recent", "FAILED", NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)))));

        poller("24", 100).poll(PLENTY_OF_TIME);

        assertThat(names(bus.drain())).containsExactly("recent");
    }

    @Test
    void entriesPutEventsRejectsAreRetriedUntilAccepted() {
        sageMaker.serveJobs(jobs("partial", 25));
        bus.rejectNextEntries(7);
        int callsBefore = bus.putEventsCalls();

        PollResult result = poller("ALL", 100).poll(PLENTY_OF_TIME);

        assertThat(bus.rejectedEntries()).isGreaterThanOrEqualTo(7);
        assertThat(names(bus.drain())).hasSize(25);
        assertThat(bus.putEventsCalls() - callsBefore).isEqualTo(result.putEventsCalls()).isGreaterThan(3);
    }

    @Test
    void aBatchThatKeepsFailingFailsTheRunAndTheCheckpointStays() {
        sageMaker.serveJobs(jobs("stuck", 4));
        bus.rejectNextEntries(1_000);

        assertThatThrownBy(() -> poller("ALL", 100).poll(PLENTY_OF_TIME))
                .hasMessageContaining("PutEvents rejected").hasMessageContaining("ThrottlingException");
        bus.rejectNextEntries(0);
        bus.drain();

        PollResult retry = poller("ALL", 100).poll(PLENTY_OF_TIME);
        assertThat(retry.listedAfter()).isEqualTo(Instant.EPOCH);
        assertThat(names(bus.drain())).hasSize(4);
    }

    @Test
    void aRunStoppedByTheClockAndOneKilledMidWayBothResumeWithoutLoss() {
        List<JsonNode> jobs = jobs("resumed", 50);
        sageMaker.serveJobs(jobs);
        Set<String> emitted = new HashSet<>();
        int sent = 0;

        // Run 1: the Lambda deadline approaches after 2 pages; it stops itself with its place saved.
        AtomicInteger checks = new AtomicInteger();
        PollResult first = poller("ALL", 10).poll(() -> checks.incrementAndGet() <= 2 ? 60_000 : 1_000);
        assertThat(first.complete()).isFalse();
        assertThat(first.pagesRead()).isEqualTo(2);
        List<String> batch = bus.drain();
        sent += batch.size();
        emitted.addAll(names(batch));

        // Run 2: killed by an outage on its second page (DynamoDB read fails), after one page went out.
        tracker.faults.failCall("DynamoDb", "BatchGetItem", 2);
        assertThatThrownBy(() -> poller("ALL", 10).poll(PLENTY_OF_TIME)).hasMessageContaining("injected outage");
        batch = bus.drain();
        sent += batch.size();
        emitted.addAll(names(batch));

        // Run 3: resumes after the last page that went out, and completes.
        PollResult last = poller("ALL", 10).poll(PLENTY_OF_TIME);
        batch = bus.drain();
        sent += batch.size();
        emitted.addAll(names(batch));

        assertThat(last.complete()).isTrue();
        Set<String> expected = new HashSet<>(names(jobs.stream().map(j -> "{\"detail\":" + j + "}").toList()));
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(emitted);
        System.out.printf("%nKILLED-AND-RESUMED POLL: changes in the stand-in %d, events emitted %d (over 3 runs), "
                + "distinct jobs emitted %d, lost %d%n%n", expected.size(), sent, emitted.size(), lost.size());
        assertThat(lost).isEmpty();
        assertThat(sent).isEqualTo(50); // each page went out exactly once: resumption did not repeat any
    }

    @Test
    void duplicateEmissionsStillGiveOneAlert() {
        String job = "emitted-twice";
        JsonNode summary = summary(job, "FAILED", NOW.minusSeconds(600), NOW.minusSeconds(60));
        sageMaker.serveJobs(List.of(summary));
        sageMaker.serveDescribe(job, describeOf(summary));
        poller("ALL", 100).poll(PLENTY_OF_TIME);
        List<String> first = bus.drain();
        // The processor has not caught up yet when the next poll runs, so the same change is emitted again.
        clock.advance(Duration.ofMinutes(1));
        poller("ALL", 100).poll(PLENTY_OF_TIME);
        List<String> second = bus.drain();
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);

        routeToProcessor(first);
        routeToProcessor(second);
        routeToProcessor(first);

        assertThat(tracker.alerts()).hasSize(1);
        assertThat(tracker.history(job)).hasSize(1);
    }

    @Test
    void throttledListCallsAreRetriedBySdk() {
        sageMaker.serveJobs(jobs("throttled-list", 3));
        for (int i = 0; i < 2; i++) {
            sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.LIST).atPriority(1)
                    .inScenario("throttled-list").whenScenarioStateIs(i == 0 ? STARTED : "once")
                    .willSetStateTo(i == 0 ? "once" : "twice")
                    .willReturn(SageMakerStandIn.error(400, "ThrottlingException", "Rate exceeded")));
        }
        int before = sageMaker.calls(SageMakerStandIn.LIST);

        PollResult result = poller("ALL", 100).poll(PLENTY_OF_TIME);

        assertThat(result.complete()).isTrue();
        assertThat(sageMaker.calls(SageMakerStandIn.LIST) - before).isEqualTo(3);
        assertThat(names(bus.drain())).hasSize(3);
    }

    /** A describe body consistent with a summary, so the processor stores what the poller saw. */
    private static String describeOf(JsonNode summary) {
        return TestEvents.describeBody("llama3-8b-awq-int4", summary.get("OptimizationJobName").asText(),
                summary.get("OptimizationJobStatus").asText(),
                io.github.optimizationjobtracker.json.Times.fromEpochSeconds(summary.get("CreationTime").decimalValue()),
                io.github.optimizationjobtracker.json.Times.fromEpochSeconds(summary.get("LastModifiedTime").decimalValue()),
                summary.get("OptimizationJobStatus").asText().equals("FAILED") ? "boom" : null);
    }

    /** A clock the test moves forward, so checkpoints and overlap are deterministic. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
