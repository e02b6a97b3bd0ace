package io.github.optimizationjobtracker.processor;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.alert.Alerter;
import io.github.optimizationjobtracker.config.JobStatuses;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.json.AttributeValues;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.sagemaker.OptimizationJob;
import io.github.optimizationjobtracker.sagemaker.OptimizationJobDescriber;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.JobStore.CurrentResult;
import io.github.optimizationjobtracker.store.JobStore.CurrentWrite;
import io.github.optimizationjobtracker.store.JobStore.HistoryWrite;
import io.github.optimizationjobtracker.store.TableLayout;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The processor's domain service: parse, describe, persist, alert. Any failure propagates so Lambda retries the
 * event and, after its retries, parks it in the dead-letter queue.
 */
public final class EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    private final EventParser parser;
    private final OptimizationJobDescriber describer;
    private final JobStore store;
    private final Alerter alerter;
    private final Set<String> alertStatuses;
    private final TrackerMetrics metrics;
    private final Clock clock;

    public EventProcessor(EventParser parser, OptimizationJobDescriber describer, JobStore store, Alerter alerter,
                          Set<String> alertStatuses, TrackerMetrics metrics, Clock clock) {
        this.parser = parser;
        this.describer = describer;
        this.store = store;
        this.alerter = alerter;
        this.alertStatuses = alertStatuses;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ProcessingResult process(ScheduledEvent event) {
        JobEvent jobEvent;
        try {
            jobEvent = parser.parse(event);
        } catch (RejectedEventException e) {
            rejected(e);
            throw e;
        }
        MDC.put("eventId", jobEvent.eventId());
        MDC.put("jobName", jobEvent.jobName());
        LOG.debug("processing {} for job {}", jobEvent.origin(), jobEvent.jobName());
        List<Sighting> sightings = sightings(jobEvent);
        if (sightings.isEmpty()) {
            metrics.count(TrackerMetrics.STALE_EVENTS_SKIPPED);
            return new ProcessingResult(jobEvent.eventId(), jobEvent.jobName(), null, false, false,
                    ProcessingResult.NO_ALERT);
        }
        ProcessingResult result = null;
        for (Sighting sighting : sightings) {
            result = record(jobEvent, sighting);
        }
        metrics.count(TrackerMetrics.EVENTS_PROCESSED);
        return result;
    }

    /**
     * A job as seen through one event. {@code replaceOnlyIfAbsent}: the sighting must not replace an existing
     * current record (a failed CreateOptimizationJob says nothing about a job that exists under that name).
     */
    private record Sighting(OptimizationJob job, boolean replaceOnlyIfAbsent) {
        static Sighting of(OptimizationJob job) {
            return new Sighting(job, false);
        }
    }

    /** Logs and counts a rejection; the caller rethrows it. */
    public void rejected(RejectedEventException e) {
        if (e.eventId() != null) {
            MDC.put("eventId", e.eventId());
        }
        metrics.count(TrackerMetrics.EVENTS_REJECTED);
        LOG.error("{}", e.getMessage());
    }

    /** What the event tells us the job looks like: usually one describe, sometimes synthesized. */
    private List<Sighting> sightings(JobEvent event) {
        if (event.isFailedCreate()) {
            // The job never existed, so there is nothing to describe; the API error is the failure. A job of the
            // same name may exist (the call failed because of it): record and alert, but leave its record alone.
            return List.of(new Sighting(failedCreate(event), true));
        }
        if (event.isSuccessfulDelete()) {
            return deleted(event, event.eventTime(), store.current(event.jobName())).map(Sighting::of).stream().toList();
        }
        Optional<OptimizationJob> described = describer.describe(event.jobName());
        // SageMaker no longer knows the job: what we know of it is the record on file, read once.
        Optional<Map<String, AttributeValue>> onRecord = described.isPresent() ? Optional.empty()
                : store.current(event.jobName());
        List<Sighting> sightings = new ArrayList<>();
        if (reportsAlertOfAnotherIncarnation(event, described)) {
            // The job the event reported is gone (deleted, perhaps recreated) before we could describe it: keep
            // what the event reported, so its alert is not lost.
            sightings.add(Sighting.of(fromStateChange(event, onRecord)));
        }
        if (described.isPresent()) {
            sightings.add(Sighting.of(described.get()));
        } else if (event.callError() == null) {
            deleted(event, clock.instant(), onRecord).map(Sighting::of).ifPresent(sightings::add);
        }
        // else: a Stop or Delete call that failed for a job SageMaker does not know; nothing to record.
        return sightings;
    }

    /** True when the event reports an alerting status of a job incarnation that describe can no longer show. */
    private boolean reportsAlertOfAnotherIncarnation(JobEvent event, Optional<OptimizationJob> described) {
        if (event.reportedStatus() == null || !alertStatuses.contains(event.reportedStatus())) {
            return false;
        }
        if (described.isEmpty()) {
            return true;
        }
        Instant reportedCreation = event.reportedCreationTime();
        return reportedCreation != null && !reportedCreation.equals(described.get().creationTime());
    }

    private ProcessingResult record(JobEvent event, Sighting sighting) {
        OptimizationJob job = sighting.job();
        Instant now = clock.instant();
        MDC.put("status", job.status());
        JobStore.Recorded recorded = store.record(job, event, now, sighting.replaceOnlyIfAbsent());
        HistoryWrite history = recorded.history();
        CurrentResult current = recorded.current();
        if (history == HistoryWrite.ALREADY_RECORDED) {
            metrics.count(TrackerMetrics.DUPLICATES_SKIPPED);
        }
        if (current.write() == CurrentWrite.STALE) {
            metrics.count(TrackerMetrics.STALE_EVENTS_SKIPPED);
            LOG.info("current record of {} is newer than this sighting ({}); kept it", job.name(), job.status());
        }
        String alert = ProcessingResult.NO_ALERT;
        if (alertStatuses.contains(job.status())) {
            Alerter.Outcome outcome = alerter.alertOnce(job, current.createdBy(), event.eventId());
            alert = outcome.name();
            if (outcome == Alerter.Outcome.PUBLISHED) {
                metrics.count(TrackerMetrics.ALERTS_PUBLISHED);
            } else {
                metrics.count(TrackerMetrics.DUPLICATES_SKIPPED);
            }
        }
        // One line per event at INFO: what was recorded and whether an alert went out.
        LOG.info(TrackerMetrics.RECORDED_LOG_PREFIX + "{} for {} from {}: history {}, current {}, alert {}", job.status(), job.name(),
                event.origin(), history, current.write(), alert);
        return new ProcessingResult(event.eventId(), job.name(), job.status(),
                history == HistoryWrite.NEW_STATUS, current.write() == CurrentWrite.APPLIED, alert);
    }

    private OptimizationJob failedCreate(JobEvent event) {
        ObjectNode document = Json.object();
        document.put("OptimizationJobName", event.jobName());
        document.put("OptimizationJobStatus", JobStatuses.FAILED);
        document.put("FailureReason", createFailure(event));
        document.put("CreationTime", Times.iso(event.eventTime()));
        document.put("LastModifiedTime", Times.iso(event.eventTime()));
        return new OptimizationJob(event.jobName(), event.jobArn(), JobStatuses.FAILED, event.eventTime(),
                event.eventTime(), null, null, createFailure(event), null, List.of(), null, null, document);
    }

    private static String createFailure(JobEvent event) {
        return "CreateOptimizationJob was rejected, so the job never started: " + event.callError().describe();
    }

    /** The sighting an event reports; {@code onRecord} is only consulted when the event lacks the creation time. */
    private OptimizationJob fromStateChange(JobEvent event, Optional<Map<String, AttributeValue>> onRecord) {
        ObjectNode document = Json.object();
        document.put("OptimizationJobName", event.jobName());
        document.put("OptimizationJobArn", event.jobArn());
        document.put("OptimizationJobStatus", event.reportedStatus());
        document.put("FailureReason", event.failureReason());
        Instant creation = event.reportedCreationTime() != null ? event.reportedCreationTime()
                : onRecord.flatMap(EventProcessor::creationTime).orElse(event.eventTime());
        return new OptimizationJob(event.jobName(), event.jobArn(), event.reportedStatus(), creation,
                event.eventTime(), null, null, event.failureReason(), null, List.of(), null, null, document);
    }

    /**
     * DELETED, for the incarnation we have on record (SageMaker can no longer tell us its creation time). Empty
     * when the deletion predates the incarnation on record: a late event about an earlier job of the same name.
     */
    private Optional<OptimizationJob> deleted(JobEvent event, Instant deletedAt,
                                              Optional<Map<String, AttributeValue>> current) {
        Optional<Instant> creationOnRecord = current.flatMap(EventProcessor::creationTime);
        if (creationOnRecord.isPresent() && deletedAt.isBefore(creationOnRecord.get())) {
            LOG.info("deletion at {} predates the job {} on record (created {}); it concerns an earlier job of that"
                    + " name, nothing to change", deletedAt, event.jobName(), creationOnRecord.get());
            return Optional.empty();
        }
        Instant creation = creationOnRecord.orElse(deletedAt);
        ObjectNode document = current.map(item -> item.get(JobStore.JOB_DOCUMENT))
                .map(EventProcessor::documentOf).orElseGet(Json::object);
        document.put("OptimizationJobName", event.jobName());
        OptimizationJob base = new OptimizationJob(event.jobName(),
                event.jobArn() != null ? event.jobArn() : Json.text(document, "OptimizationJobArn"),
                JobStatuses.DELETED, creation, deletedAt, null, null, null, Json.text(document, "DeploymentInstanceType"),
                List.of(), null, null, document);
        return Optional.of(base.withStatus(JobStatuses.DELETED, deletedAt, null));
    }

    private static Optional<Instant> creationTime(Map<String, AttributeValue> record) {
        return Optional.ofNullable(record.get(TableLayout.CREATION_TIME)).map(AttributeValue::s).map(Instant::parse);
    }

    private static ObjectNode documentOf(AttributeValue value) {
        JsonNode node = AttributeValues.toJson(value);
        return node instanceof ObjectNode object ? object : Json.object();
    }
}
