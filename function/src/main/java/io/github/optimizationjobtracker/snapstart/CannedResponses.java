package io.github.optimizationjobtracker.snapstart;

import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Minimal successful responses, in each service's wire protocol, for the calls the functions make. Used only
 * while priming; the SageMaker ones describe a job that does not exist anywhere ("snapstart-priming").
 */
final class CannedResponses {
    record Canned(String contentType, String body) {
    }

    private static final String JSON_10 = "application/x-amz-json-1.0";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    static final String PRIMING_JOB = "snapstart-priming";
    private static final String ARN = "arn:aws:sagemaker:us-east-1:000000000000:optimization-job/" + PRIMING_JOB;

    private CannedResponses() {
    }

    static Canned answer(SdkHttpRequest request, String body) {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        return switch (target) {
            case "SageMaker.DescribeOptimizationJob" -> new Canned(JSON_11, """
                    {"OptimizationJobName":"%s","OptimizationJobArn":"%s","OptimizationJobStatus":"FAILED",
                     "CreationTime":1764400000.123,"LastModifiedTime":1764403600.456,"OptimizationStartTime":1764400100,
                     "OptimizationEndTime":1764403600,"FailureReason":"priming\\nsecond line",
                     "ModelSource":{"S3":{"S3Uri":"s3://priming/model/"}},"DeploymentInstanceType":"ml.g5.12xlarge",
                     "OptimizationEnvironment":{"HF_TOKEN":"x","OPTION":"y"},
                     "OptimizationConfigs":[{"ModelQuantizationConfig":{"OverrideEnvironment":{"OPTION_QUANTIZE":"awq"}}}],
                     "OutputConfig":{"S3OutputLocation":"s3://priming/output/"},"RoleArn":"arn:aws:iam::000000000000:role/r",
                     "StoppingCondition":{"MaxRuntimeInSeconds":3600}}""".formatted(PRIMING_JOB, ARN));
            case "SageMaker.ListOptimizationJobs" -> new Canned(JSON_11, """
                    {"OptimizationJobSummaries":[{"OptimizationJobName":"%s","OptimizationJobArn":"%s",
                     "CreationTime":1764400000.123,"OptimizationJobStatus":"FAILED","LastModifiedTime":1764403600.456,
                     "DeploymentInstanceType":"ml.g5.12xlarge","OptimizationTypes":["Quantization"]}]}"""
                    .formatted(PRIMING_JOB, ARN));
            case "DynamoDB_20120810.BatchGetItem" -> new Canned(JSON_10, "{\"Responses\":{},\"UnprocessedKeys\":{}}");
            // Serves the current record's update and the storm window's (a window of one failure: no storm).
            case "DynamoDB_20120810.UpdateItem" -> new Canned(JSON_10, """
                    {"Attributes":{"JobName":{"S":"%s"},"WindowStart":{"S":"2026-01-01T00:00:00.000Z"},
                     "Failures":{"SS":["%s\\t2026-01-01T00:00:00.000Z\\tUNKNOWN"]}}}""".formatted(PRIMING_JOB, PRIMING_JOB));
            case "AWSEvents.PutEvents" -> new Canned(JSON_11,
                    "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"snapstart-priming\"}]}");
            case "" -> sns(body);
            default -> new Canned(target.startsWith("DynamoDB") ? JSON_10 : JSON_11, "{}");
        };
    }

    /** SNS speaks the query protocol: form-encoded request, XML response. */
    private static Canned sns(String body) {
        if (body.contains("Action=Publish")) {
            return new Canned("text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>snapstart-priming</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>snapstart-priming</RequestId></ResponseMetadata></PublishResponse>");
        }
        return new Canned("text/xml", "<Response/>");
    }
}
