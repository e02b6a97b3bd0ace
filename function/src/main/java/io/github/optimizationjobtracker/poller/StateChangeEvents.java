package io.github.optimizationjobtracker.poller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.event.EventContract;
import io.github.optimizationjobtracker.json.Json;
import java.time.Instant;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sagemaker.model.OptimizationJobSummary;

/**
 * The "SageMaker Optimization Job State Change" event the poller emits. Its detail follows SageMaker's documented
 * training-job state-change event: job name, ARN, status and times (epoch milliseconds), plus the previous status.
 */
public final class StateChangeEvents {
    private StateChangeEvents() {
    }

    public static PutEventsRequestEntry entry(OptimizationJobSummary job, String previousStatus, String eventBusName) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(EventContract.TRACKER_SOURCE)
                .detailType(EventContract.STATE_CHANGE_DETAIL_TYPE)
                .resources(job.optimizationJobArn())
                .time(job.lastModifiedTime())
                .detail(Json.write(detail(job, previousStatus)))
                .build();
    }

    public static ObjectNode detail(OptimizationJobSummary job, String previousStatus) {
        ObjectNode detail = Json.object();
        detail.put("OptimizationJobName", job.optimizationJobName());
        detail.put("OptimizationJobArn", job.optimizationJobArn());
        detail.put("OptimizationJobStatus", job.optimizationJobStatusAsString());
        if (previousStatus != null) {
            detail.put("PreviousStatus", previousStatus);
        }
        putMillis(detail, "CreationTime", job.creationTime());
        putMillis(detail, "LastModifiedTime", job.lastModifiedTime());
        putMillis(detail, "OptimizationStartTime", job.optimizationStartTime());
        putMillis(detail, "OptimizationEndTime", job.optimizationEndTime());
        if (job.deploymentInstanceTypeAsString() != null) {
            detail.put("DeploymentInstanceType", job.deploymentInstanceTypeAsString());
        }
        if (job.maxInstanceCount() != null) {
            detail.put("MaxInstanceCount", job.maxInstanceCount());
        }
        ArrayNode types = detail.putArray("OptimizationTypes");
        job.optimizationTypes().forEach(types::add);
        return detail;
    }

    private static void putMillis(ObjectNode detail, String field, Instant time) {
        if (time != null) {
            detail.put(field, time.toEpochMilli());
        }
    }
}
