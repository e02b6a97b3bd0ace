package io.github.optimizationjobtracker.poller;

import io.github.optimizationjobtracker.poller.PutEventsBatcher;

import io.github.optimizationjobtracker.store.Checkpoint;

import io.github.optimizationjobtracker.store.CheckpointStore;

import io.github.optimizationjobtracker.store.KnownJobs;

import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.store.KnownJobs.Known;
import io.github.optimizationjobtracker.store.EmittedChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListOptimizationJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListOptimizationJobsSortBy;
import software.amazon.awssdk.services.sagemaker.model.OptimizationJobSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * Detects optimization-job changes, which SageMaker does not announce: lists jobs modified since the checkpoint
 * (minus an overlap for clock skew and late writes), compares each with the table, and emits one state-change
 * event per job whose status or last-modified time differs. The checkpoint moves only after every event up to it
 * is on the bus; a run short of time saves its place and the next run resumes it.
 */
public final class JobPoller {
    private static final Logger LOG = LoggerFactory.getLogger(JobPoller.class);

    private final SageMakerClient sageMaker;
    private final KnownJobs knownJobs;
    private final EmittedChanges emittedChanges;
    private final PutEventsBatcher emitter;
    private final CheckpointStore checkpoints;
    private final TrackerMetrics metrics;
    private final Clock clock;
    private final String eventBusName;
    private final Duration overlap;
    private final Optional<Duration> backfill;
    private final int pageSize;
    private final Duration safetyMargin;

    public JobPoller(SageMakerClient sageMaker, KnownJobs knownJobs, EmittedChanges emittedChanges, PutEventsBatcher emitter,
                     CheckpointStore checkpoints, TrackerMetrics metrics, Clock clock, String eventBusName,
                     Duration overlap, Optional<Duration> backfill, int pageSize, Duration safetyMargin) {
        this.sageMaker = sageMaker;
        this.knownJobs = knownJobs;
        this.emittedChanges = emittedChanges;
        this.emitter = emitter;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.clock = clock;
        this.eventBusName = eventBusName;
        this.overlap = overlap;
        this.backfill = backfill;
        this.pageSize = pageSize;
        this.safetyMargin = safetyMargin;
    }

    /** Polls until done or until {@code remainingMillis} falls below the safety margin. */
    public PollResult poll(LongSupplier remainingMillis) {
        Checkpoint checkpoint = checkpoints.load();
        Instant listedAfter;
        Instant runStartedAt;
        String nextToken;
        if (checkpoint.resume().isPresent()) {
            Checkpoint.Resume resume = checkpoint.resume().get();
            listedAfter = resume.listedAfter();
            runStartedAt = resume.runStartedAt();
            nextToken = resume.nextToken();
            LOG.info("resuming an unfinished poll of jobs modified after {}", Times.iso(listedAfter));
        } else {
            runStartedAt = clock.instant();
            listedAfter = checkpoint.polledThrough().map(t -> t.minus(overlap))
                    .orElseGet(() -> backfill.map(runStartedAt::minus).orElse(Instant.EPOCH));
            nextToken = null;
        }
        int pages = 0;
        int jobsSeen = 0;
        int emitted = 0;
        int putCalls = 0;
        int listCalls = 0;
        double maxLag = 0;
        do {
            if (remainingMillis.getAsLong() < safetyMargin.toMillis()) {
                // Nothing to save: the place to resume was saved after the last page that went out (or is the
                // one this run resumed from).
                LOG.warn("stopping before the Lambda timeout after {} pages; the next run resumes here", pages);
                return finish(new PollResult(listedAfter, checkpoint.polledThrough().orElse(null), false, pages,
                        jobsSeen, emitted, listCalls, putCalls, maxLag));
            }
            ListOptimizationJobsResponse page;
            try {
                listCalls++;
                page = list(listedAfter, nextToken);
            } catch (SageMakerException e) {
                if (nextToken == null || pages > 0 || e.statusCode() != 400) {
                    throw e;
                }
                // A saved page token can expire; restart this listing from its beginning (duplicates are harmless).
                LOG.warn("saved page token rejected ({}); listing again from the start", e.getMessage());
                listCalls++;
                page = list(listedAfter, null);
            }
            pages++;
            List<OptimizationJobSummary> jobs = page.optimizationJobSummaries();
            jobsSeen += jobs.size();
            Map<String, Known> known = knownJobs.lookUp(jobs.stream().map(OptimizationJobSummary::optimizationJobName).toList());
            List<PutEventsRequestEntry> changes = new ArrayList<>();
            List<EmittedChanges.Emitted> evidence = new ArrayList<>();
            Instant now = clock.instant();
            for (OptimizationJobSummary job : jobs) {
                Known stored = known.get(job.optimizationJobName());
                if (changed(job, stored, now)) {
                    changes.add(StateChangeEvents.entry(job, stored == null ? null : stored.status(), eventBusName));
                    evidence.add(new EmittedChanges.Emitted(job.optimizationJobName(), job.creationTime(),
                            job.optimizationJobStatusAsString(), job.lastModifiedTime()));
                    if (job.lastModifiedTime() != null) {
                        maxLag = Math.max(maxLag, Duration.between(job.lastModifiedTime(), now).toMillis() / 1000.0);
                    }
                }
            }
            // The record first: a change on the bus always has its evidence in the table.
            emittedChanges.recordAll(evidence, now);
            putCalls += emitter.putAll(changes);
            emitted += changes.size();
            nextToken = page.nextToken();
            if (nextToken != null) {
                // Progress after every page: a run killed now resumes after this page, not from the start.
                checkpoints.save(new Checkpoint(checkpoint.polledThrough(),
                        Optional.of(new Checkpoint.Resume(listedAfter, runStartedAt, nextToken))), clock.instant());
            }
        } while (nextToken != null);
        checkpoints.save(new Checkpoint(Optional.of(runStartedAt), Optional.empty()), clock.instant());
        return finish(new PollResult(listedAfter, runStartedAt, true, pages, jobsSeen, emitted, listCalls, putCalls,
                maxLag));
    }

    private ListOptimizationJobsResponse list(Instant listedAfter, String token) {
        return sageMaker.listOptimizationJobs(r -> r
                .lastModifiedTimeAfter(listedAfter.equals(Instant.EPOCH) ? null : listedAfter)
                .sortBy(ListOptimizationJobsSortBy.CREATION_TIME).sortOrder(SortOrder.ASCENDING)
                .maxResults(pageSize).nextToken(token));
    }

    /**
     * A job is news when the table has no record of it, holds another incarnation (the name was reused), another
     * status, or an older change. A stored time in the future is no evidence of anything: it cannot hide a change.
     */
    static boolean changed(OptimizationJobSummary job, Known stored, Instant now) {
        if (stored == null || stored.status() == null || stored.creationTime() == null
                || stored.lastModifiedTime() == null) {
            return true;
        }
        if (!Times.iso(job.creationTime()).equals(stored.creationTime())) {
            return true;
        }
        if (!job.optimizationJobStatusAsString().equals(stored.status())) {
            return true;
        }
        String listedChange = Times.iso(job.lastModifiedTime() != null ? job.lastModifiedTime() : job.creationTime());
        return listedChange.compareTo(stored.lastModifiedTime()) > 0
                || stored.lastModifiedTime().compareTo(Times.iso(now.plus(EventParser.MAX_CLOCK_SKEW))) > 0;
    }

    private PollResult finish(PollResult result) {
        metrics.count(TrackerMetrics.PAGES_READ, result.pagesRead());
        metrics.count(TrackerMetrics.JOBS_SEEN, result.jobsSeen());
        metrics.count(TrackerMetrics.EVENTS_EMITTED, result.eventsEmitted());
        if (result.eventsEmitted() > 0) {
            metrics.seconds(TrackerMetrics.POLL_LAG_SECONDS, result.maxLagSeconds());
        }
        // The heartbeat says "polling works": an alarm fires when it goes missing.
        metrics.count(TrackerMetrics.POLLER_HEARTBEAT);
        LOG.info("poll {}: {} pages, {} jobs seen, {} events emitted, max lag {} s", result.complete() ? "complete"
                : "stopped early", result.pagesRead(), result.jobsSeen(), result.eventsEmitted(), result.maxLagSeconds());
        return result;
    }
}
