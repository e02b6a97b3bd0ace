package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;

/** Sample events from events/, and made-up ones for scenarios the samples do not cover. */
final class TestEvents {
    static final RepositoryLayout LAYOUT = RepositoryLayout.find();

    private TestEvents() {
    }

    static byte[] sample(String name) {
        try {
            return Files.readAllBytes(LAYOUT.event(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tracker state-change event with a fresh id. */
    static String stateChange(String job, String status, Instant changedAt) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "SageMaker Optimization Job State Change");
        event.put("source", "optimization-job-tracker");
        event.put("account", "123456789012");
        event.put("time", changedAt.toString());
        event.put("region", "us-east-1");
        String arn = "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/" + job;
        event.putArray("resources").add(arn);
        ObjectNode detail = event.putObject("detail");
        detail.put("OptimizationJobName", job);
        detail.put("OptimizationJobArn", arn);
        detail.put("OptimizationJobStatus", status);
        detail.put("LastModifiedTime", changedAt.toEpochMilli());
        return Json.write(event);
    }

    /** A DescribeOptimizationJob body, built from a sample fixture with another name, status and times. */
    static String describeBody(String fixture, String job, String status, Instant created, Instant changed,
                               String failureReason) {
        try {
            ObjectNode body = (ObjectNode) Json.parse(Files.readAllBytes(LAYOUT.describeFixtures().resolve(fixture + ".json")));
            body.put("OptimizationJobName", job);
            body.put("OptimizationJobArn", "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/" + job);
            body.put("OptimizationJobStatus", status);
            body.put("CreationTime", seconds(created));
            body.put("LastModifiedTime", seconds(changed));
            if (failureReason == null) {
                body.remove("FailureReason");
            } else {
                body.put("FailureReason", failureReason);
            }
            return Json.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
