package io.github.optimizationjobtracker.processor;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.alert.Alerter;
import io.github.optimizationjobtracker.config.JobStatuses;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.sagemaker.OptimizationJob;
import io.github.optimizationjobtracker.sagemaker.OptimizationJobDescriber;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.JobStore.CurrentResult;
import io.github.optimizationjobtracker.store.JobStore.CurrentWrite;
import io.github.optimizationjobtracker.store.JobStore.HistoryWrite;
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
        LOG.info("processing {} for job {}", jobEvent.origin(), jobEvent.jobName());
        List<OptimizationJob> sightings = sightings(jobEvent);
        ProcessingResult result = null;
        for (OptimizationJob job : sightings) {
            result = record(jobEvent, job);
        }
        return result;
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
    private List<OptimizationJob> sightings(JobEvent event) {
        Instant now = clock.instant();
        if (event.isFailedCreate()) {
            // The job never existed, so there is nothing to describe; the API error is the failure.
            return List.of(failedCreate(event));
        }
        if (event.isSuccessfulDelete()) {
            return List.of(deleted(event, null));
        }
        Optional<OptimizationJob> described = describer.describe(event.jobName());
        if (described.isPresent()) {
            return List.of(described.get());
        }
        List<OptimizationJob> sightings = new ArrayList<>();
        if (event.reportedStatus() != null && alertStatuses.contains(event.reportedStatus())) {
            // Deleted before we could describe it: keep what the event reported, so its alert is not lost.
            sightings.add(fromStateChange(event));
        }
        sightings.add(deleted(event, now));
        return sightings;
    }

    private ProcessingResult record(JobEvent event, OptimizationJob job) {
        Instant now = clock.instant();
        MDC.put("status", job.status());
        HistoryWrite history = store.recordHistory(job, event, now);
        CurrentResult current = store.updateCurrent(job, event, now);
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
                LOG.info("published {} alert for {}", job.status(), job.name());
            } else {
                metrics.count(TrackerMetrics.DUPLICATES_SKIPPED);
            }
        }
        metrics.eventProcessed(job.status());
        LOG.info("recorded {} for {}: history {}, current {}, alert {}", job.status(), job.name(), history,
                current.write(), alert);
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

    private OptimizationJob fromStateChange(JobEvent event) {
        ObjectNode document = Json.object();
        document.put("OptimizationJobName", event.jobName());
        document.put("OptimizationJobArn", event.jobArn());
        document.put("OptimizationJobStatus", event.reportedStatus());
        document.put("FailureReason", event.failureReason());
        Instant creation = creationTimeOfCurrent(event.jobName()).orElse(event.eventTime());
        return new OptimizationJob(event.jobName(), event.jobArn(), event.reportedStatus(), creation,
                event.eventTime(), null, null, event.failureReason(), null, List.of(), null, null, document);
    }

    /** DELETED, for the incarnation we have on record (SageMaker can no longer tell us its creation time). */
    private OptimizationJob deleted(JobEvent event, Instant observedAt) {
        Instant deletedAt = observedAt != null && event.kind() == JobEvent.Kind.STATE_CHANGE ? observedAt : event.eventTime();
        Optional<Map<String, AttributeValue>> current = store.current(event.jobName());
        Instant creation = current.map(item -> item.get("CreationTime")).map(AttributeValue::s).map(Instant::parse)
                .orElse(deletedAt);
        ObjectNode document = current.map(item -> item.get(JobStore.JOB_DOCUMENT))
                .map(EventProcessor::documentOf).orElseGet(Json::object);
        document.put("OptimizationJobName", event.jobName());
        OptimizationJob base = new OptimizationJob(event.jobName(),
                event.jobArn() != null ? event.jobArn() : Json.text(document, "OptimizationJobArn"),
                JobStatuses.DELETED, creation, deletedAt, null, null, null, Json.text(document, "DeploymentInstanceType"),
                List.of(), null, null, document);
        return base.withStatus(JobStatuses.DELETED, deletedAt.isBefore(creation) ? creation : deletedAt, null);
    }

    private Optional<Instant> creationTimeOfCurrent(String jobName) {
        return store.current(jobName).map(item -> item.get("CreationTime")).map(AttributeValue::s).map(Instant::parse);
    }

    private static ObjectNode documentOf(AttributeValue value) {
        JsonNode node = Json.MAPPER.valueToTree(toPlain(value));
        return node instanceof ObjectNode object ? object : Json.object();
    }

    private static Object toPlain(AttributeValue value) {
        if (value.hasM()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            value.m().forEach((k, v) -> map.put(k, toPlain(v)));
            return map;
        }
        if (value.hasL()) {
            return value.l().stream().map(EventProcessor::toPlain).toList();
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return new java.math.BigDecimal(value.n());
        }
        if (value.bool() != null) {
            return value.bool();
        }
        return null;
    }
}
