package io.github.optimizationjobtracker.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.alert.Alerter;
import io.github.optimizationjobtracker.classification.FailureClassification;
import io.github.optimizationjobtracker.event.DeliveredEvent;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.event.JobNames;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.job.JobStatus;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.sagemaker.OptimizationJobDescriber;
import io.github.optimizationjobtracker.store.AttributeValues;
import io.github.optimizationjobtracker.store.EmittedChanges;
import io.github.optimizationjobtracker.store.FailureStorms;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.JobStore.CurrentResult;
import io.github.optimizationjobtracker.store.JobStore.CurrentWrite;
import io.github.optimizationjobtracker.store.JobStore.HistoryWrite;
import io.github.optimizationjobtracker.store.RejectedCreates;
import io.github.optimizationjobtracker.store.TableLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The processor's domain service: parse, describe, persist, alert. An event is a hint: what is recorded and
 * alerted is what DescribeOptimizationJob says. Only for a job SageMaker no longer knows does a state change's own
 * report count, and only when the poller recorded emitting that change. Any failure propagates so Lambda retries
 * the event and, after its retries, parks it in the dead-letter queue.
 */
public final class EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
    /** A create call and the job it created: SageMaker stamps the job's creation within moments of the call. */
    static final Duration CREATE_CALL_MATCH = Duration.ofMinutes(5);

    private final EventParser parser;
    private final OptimizationJobDescriber describer;
    private final JobStore store;
    private final RejectedCreates rejectedCreates;
    private final EmittedChanges emittedChanges;
    private final FailureStorms storms;
    private final Alerter alerter;
    private final AlertPolicy policy;
    private final TrackerMetrics metrics;
    private final Clock clock;
    /** The start of the storm window whose summary is known to be sent. */
    private volatile Instant summarizedWindow;

    public EventProcessor(EventParser parser, OptimizationJobDescriber describer, ProcessorStores stores,
                          Alerter alerter, AlertPolicy policy, TrackerMetrics metrics, Clock clock) {
        this.parser = parser;
        this.describer = describer;
        this.store = stores.jobs();
        this.rejectedCreates = stores.rejectedCreates();
        this.emittedChanges = stores.emittedChanges();
        this.storms = stores.storms();
        this.alerter = alerter;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    public ProcessingResult process(DeliveredEvent delivered) {
        JobEvent event;
        try {
            event = parser.parse(delivered);
        } catch (RejectedEventException e) {
            rejected(e);
            throw e;
        }
        MDC.put("eventId", event.eventId());
        MDC.put("jobName", event.jobName());
        LOG.debug("processing {} for job {}", event.origin(), event.jobName());
        ProcessingResult rejectedCreate = event.isFailedCreate() ? rejectedCreate(event) : null;
        if (!JobNames.isValid(event.jobName())) {
            // A failed call may name a job SageMaker would never accept; there is nothing to describe.
            LOG.info("the {} names no valid job ({}): nothing to describe", event.origin(), JobNames.quote(event.jobName()));
            return rejectedCreate != null ? rejectedCreate : new ProcessingResult(event.eventId(), event.jobName(),
                    null, false, false, ProcessingResult.NO_ALERT);
        }
        List<OptimizationJob> sightings = sightings(event);
        ProcessingResult result = rejectedCreate;
        for (OptimizationJob sighting : sightings) {
            ProcessingResult recorded = record(event, sighting);
            result = result == null ? recorded : result;
        }
        if (result == null) {
            metrics.count(TrackerMetrics.STALE_EVENTS_SKIPPED);
            return new ProcessingResult(event.eventId(), event.jobName(), null, false, false,
                    ProcessingResult.NO_ALERT);
        }
        metrics.count(TrackerMetrics.EVENTS_PROCESSED);
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

    /**
     * The job as the event leads us to see it. SageMaker answers for the job it knows; the event's report stands
     * in only for an incarnation SageMaker has lost, and only when the poller recorded emitting exactly that change.
     */
    private List<OptimizationJob> sightings(JobEvent event) {
        List<OptimizationJob> sightings = new ArrayList<>();
        Optional<OptimizationJob> described = describer.describe(event.jobName());
        if (described.isPresent()) {
            OptimizationJob job = described.get();
            Instant reportedCreation = event.claims().creationTime();
            if (reportedCreation != null && reportedCreation.isBefore(job.creationTime()) && pollerSaw(event)) {
                // The poller saw an earlier job of this name, since deleted and replaced: keep what it saw.
                sightings.add(reported(event));
            }
            sightings.add(job);
            return sightings;
        }
        Optional<Map<String, AttributeValue>> onRecord = store.current(event.jobName());
        Optional<Instant> creationOnRecord = onRecord.flatMap(EventProcessor::creationTime);
        if (pollerSaw(event)) {
            // Listed by SageMaker a moment ago, gone now: record what the poller saw, then the deletion.
            OptimizationJob seen = reported(event);
            sightings.add(seen);
            deleted(event, clock.instant(), Optional.of(seen.creationTime()), Optional.of(seen.document()))
                    .ifPresent(sightings::add);
        } else if (onRecord.isPresent()) {
            Instant deletedAt = event.kind() == JobEvent.Kind.DELETE_CALL && event.callError() == null
                    ? event.eventTime() : clock.instant();
            deleted(event, deletedAt, creationOnRecord,
                    Optional.ofNullable(onRecord.get().get(JobStore.JOB_DOCUMENT)).map(EventProcessor::documentOf))
                    .ifPresent(sightings::add);
        } else if (event.kind() == JobEvent.Kind.DELETE_CALL && event.callError() == null) {
            // CloudTrail saw a job deleted that the tracker never recorded (it predates the tracker).
            deleted(event, event.eventTime(), Optional.empty(), Optional.empty()).ifPresent(sightings::add);
        } else {
            LOG.info("SageMaker does not know {} and the table has no record of it; the {} is no evidence of a job:"
                    + " nothing recorded", event.jobName(), event.origin());
        }
        return sightings;
    }

    /** True when the event reports a change the poller recorded emitting: then, and only then, it is evidence. */
    private boolean pollerSaw(JobEvent event) {
        if (!event.isCheckablePollerClaim()) {
            return false;
        }
        JobEvent.Claims claims = event.claims();
        boolean seen = emittedChanges.wasEmitted(event.jobName(), claims.creationTime(), claims.status().name());
        if (!seen) {
            LOG.warn("{} reports {} for {} (created {}), which the poller never emitted: only SageMaker's answer counts",
                    event.origin(), claims.status(), event.jobName(), claims.creationTime());
        }
        return seen;
    }

    private ProcessingResult record(JobEvent event, OptimizationJob job) {
        Instant now = clock.instant();
        MDC.put("status", job.statusValue());
        // A failure is classified once: the same category is stored and alerted.
        FailureClassification failure = job.status() == JobStatus.FAILED
                ? policy.failureRules().classify(job.failureReason(), job.instanceType()) : null;
        JobStore.Recorded recorded = store.record(job, event, now, creator(event, job),
                failure == null ? null : failure.category());
        HistoryWrite history = recorded.history();
        CurrentResult current = recorded.current();
        if (history == HistoryWrite.ALREADY_RECORDED) {
            metrics.count(TrackerMetrics.DUPLICATES_SKIPPED);
        }
        if (current.write() == CurrentWrite.STALE) {
            metrics.count(TrackerMetrics.STALE_EVENTS_SKIPPED);
            LOG.info("current record of {} is as new as this sighting ({}) or newer; kept it", job.name(),
                    job.statusValue());
        }
        String alert = ProcessingResult.NO_ALERT;
        if (policy.alerts(job.status())) {
            alert = counted(alerter.alertOnce(job, failure, current.createdBy(), event.eventId()));
            if (failure != null) {
                watchForStorm(new FailureStorms.Member(job.name(), job.creationTime(), failure.category().name()),
                        event.eventId());
            }
        }
        // One line per event at INFO: what was recorded and whether an alert went out.
        LOG.info(RecordedLogLine.PREFIX + "{} for {} from {}: history {}, current {}, alert {}", job.statusValue(),
                job.name(), event.origin(), history, current.write(), alert);
        return new ProcessingResult(event.eventId(), job.name(), job.statusValue(),
                history == HistoryWrite.NEW_STATUS, current.write() == CurrentWrite.APPLIED, alert);
    }

    /**
     * Who created this incarnation: the caller of a successful create whose call time matches the creation
     * SageMaker reports.
     */
    private static Optional<String> creator(JobEvent event, OptimizationJob job) {
        if (event.kind() != JobEvent.Kind.CREATE_CALL || event.callError() != null || event.initiator() == null) {
            return Optional.empty();
        }
        Duration gap = Duration.between(event.eventTime(), job.creationTime()).abs();
        return gap.compareTo(CREATE_CALL_MATCH) <= 0 ? Optional.of(event.initiator()) : Optional.empty();
    }

    /**
     * A rejected CreateOptimizationJob: recorded as its own item, alerted when the error needs a person (a
     * configured list of codes; throttling is retried by the caller, a name in use means the job exists).
     */
    private ProcessingResult rejectedCreate(JobEvent event) {
        JobEvent.CallError error = event.callError();
        // Only AWS can put an aws.sagemaker record on a bus, so one that reaches the processor came from CloudTrail
        // (or from a principal allowed to invoke the function, which the threat model treats as the rule's equal).
        boolean alerting = policy.alertsRejection(error.code());
        String decision = alerting ? "alerted: " + error.code() + " needs a person"
                : "not alerted: " + error.code() + " is not in the alerting error codes";
        MDC.put("status", TableLayout.REJECTED_CREATE_STATUS);
        FailureClassification failure = policy.failureRules().classify(error.code() + ": " + error.message(),
                event.call().request().instanceType());
        RejectedCreates.Write write = rejectedCreates.record(event, decision, failure.category(), clock.instant());
        if (write == RejectedCreates.Write.ALREADY_RECORDED) {
            metrics.count(TrackerMetrics.DUPLICATES_SKIPPED);
        }
        metrics.count(TrackerMetrics.CREATES_REJECTED);
        String alert = ProcessingResult.NO_ALERT;
        if (alerting) {
            alert = counted(alerter.alertRejectedCreate(attempt(event), error.code(), error.message(), failure,
                    event.initiator(), event.eventId()));
            watchForStorm(new FailureStorms.Member(event.jobName(), event.eventTime(), failure.category().name()),
                    event.eventId());
        }
        LOG.info(RecordedLogLine.PREFIX + "{} for {} from {} ({}): {}, alert {}",
                TableLayout.REJECTED_CREATE_STATUS, event.jobName(), event.origin(), error.code(), write, alert);
        return new ProcessingResult(event.eventId(), event.jobName(), TableLayout.REJECTED_CREATE_STATUS,
                write == RejectedCreates.Write.NEW, false, alert);
    }

    /**
     * Counts an alerted failure into the storm window; the failure that brings the window to the threshold, and any
     * after it, find the summary sent once. A retried event is counted once (the window holds a set).
     */
    private void watchForStorm(FailureStorms.Member failure, String eventId) {
        if (policy.stormThreshold() <= 0) {
            return;
        }
        FailureStorms.Window window = storms.add(failure, clock.instant());
        if (policy.isStorm(window.size()) && !window.start().equals(summarizedWindow)) {
            Alerter.Outcome summary = alerter.alertStorm(window, storms.window(), eventId);
            // Sent, by this container or another: the rest of this storm's failures need not ask the ledger again.
            summarizedWindow = window.start();
            if (summary == Alerter.Outcome.PUBLISHED) {
                LOG.warn("failure storm: {} failures since {}, summary alert published", window.size(), window.start());
                metrics.count(TrackerMetrics.ALERTS_PUBLISHED);
            }
        }
    }

    private String counted(Alerter.Outcome outcome) {
        metrics.count(outcome == Alerter.Outcome.PUBLISHED ? TrackerMetrics.ALERTS_PUBLISHED
                : TrackerMetrics.DUPLICATES_SKIPPED);
        return outcome.name();
    }

    /** The job a rejected create asked for, as far as the call tells: for the alert only, never stored as a job. */
    private static OptimizationJob attempt(JobEvent event) {
        JobEvent.CreateRequest request = event.call().request();
        String reason = "CreateOptimizationJob was rejected, so the job never started: " + event.callError().describe();
        return OptimizationJob.rejectedCreate(event.jobName(), event.jobArn(), event.eventTime(), reason,
                request.instanceType(), request.modelSource(), request.outputLocation());
    }

    /** The incarnation a state change the poller emitted reports, built from the event alone. */
    private static OptimizationJob reported(JobEvent event) {
        JobEvent.Claims claims = event.claims();
        Instant changed = claims.lastModifiedTime() != null ? claims.lastModifiedTime() : event.eventTime();
        String reason = claims.status() == JobStatus.FAILED
                ? "SageMaker listed this job as FAILED, then it was deleted before the tracker could describe it;"
                        + " its failure reason is no longer available from SageMaker."
                : null;
        return OptimizationJob.asListed(event.jobName(), event.jobArn(), claims.status(), claims.creationTime(),
                changed, reason);
    }

    /**
     * DELETED, for the incarnation on record (SageMaker can no longer tell its creation time). Empty when the
     * deletion predates that incarnation: a late event about an earlier job of the same name.
     */
    private Optional<OptimizationJob> deleted(JobEvent event, Instant deletedAt, Optional<Instant> creationOnRecord,
                                              Optional<ObjectNode> documentOnRecord) {
        if (creationOnRecord.isPresent() && deletedAt.isBefore(creationOnRecord.get())) {
            LOG.info("deletion at {} predates the job {} on record (created {}); it concerns an earlier job of that"
                    + " name, nothing to change", deletedAt, event.jobName(), creationOnRecord.get());
            return Optional.empty();
        }
        return Optional.of(OptimizationJob.deleted(event.jobName(), event.jobArn(), creationOnRecord.orElse(deletedAt),
                deletedAt, documentOnRecord.orElse(null)));
    }

    private static Optional<Instant> creationTime(Map<String, AttributeValue> record) {
        return Optional.ofNullable(record.get(TableLayout.CREATION_TIME)).map(AttributeValue::s).map(Times::parse);
    }

    private static ObjectNode documentOf(AttributeValue value) {
        JsonNode node = AttributeValues.toJson(value);
        return node instanceof ObjectNode object ? object : Json.object();
    }
}
