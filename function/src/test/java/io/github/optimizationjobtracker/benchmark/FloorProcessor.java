package io.github.optimizationjobtracker.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClientBuilder;
import software.amazon.awssdk.services.sagemaker.model.DescribeOptimizationJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeOptimizationJobResponse;
import software.amazon.awssdk.services.sagemaker.model.OptimizationConfig;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The FLOOR: what any implementation of the processor must do for one event, written with the SDK alone and none
 * of the project's code. Same clients as the project (DynamoDB, SNS, SageMaker; explicit region; one
 * {@link UrlConnectionHttpClient}; {@link EnvironmentVariableCredentialsProvider}; six attempts for SageMaker) and
 * the same calls with roughly the same item shapes: DescribeOptimizationJob, PutItem (history entry), UpdateItem
 * (current record, ALL_NEW), and for FAILED: PutItem (alert claim), Publish (structured message of the same
 * shape and size), UpdateItem (mark sent), and UpdateItem (the failure added to a storm window, ALL_NEW, while the
 * window has room: an ordinary day's failures all pay it; in a storm a full window costs nothing more).
 *
 * <p>What the floor does NOT do, because it is the project's own choice rather than a need: read the event
 * through aws-lambda-java-serialization (it parses with the SDK's own JSON parser, which the SDK loads anyway),
 * Jackson data binding, Log4j/Powertools logging, metrics, capturing the raw SageMaker body, secret
 * redaction, alert de-duplication retries beyond the claim. It keeps the data an operator needs.
 */
public final class FloorProcessor implements RequestStreamHandler {
    private static final String[] MACHINE_PROTOCOLS = {"sqs", "lambda", "http", "https", "email-json", "firehose"};
    private static final String[] OPTIONAL = {"FailureReason", "OptimizationStartTime", "OptimizationEndTime",
        "DeploymentInstanceType", "ModelSource", "OutputLocation", "OptimizationTypes", "JobArn"};

    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final SageMakerClient sageMaker;
    private final String table;
    private final String topicArn;
    private final String region;
    private final Extras extras;
    /**
     * Whether this JVM found the storm window full, as the project remembers its own. The floor's window never
     * closes, while the project's closes ten minutes after its first failure (after the paired rounds): where the
     * two differ, the project makes the extra calls.
     */
    private boolean stormWindowFull;

    /** Attribution only (see {@link FloorExtras}): work added around the floor's own. The floor has none. */
    interface Extras {
        void before(byte[] event, Context context);

        void after(String status);
    }

    public FloorProcessor() {
        this(null);
    }

    FloorProcessor(Extras extras) {
        this.extras = extras;
        Map<String, String> env = System.getenv();
        Region awsRegion = Region.of(env.get("AWS_REGION"));
        region = awsRegion.id();
        table = env.get("TABLE_NAME");
        topicArn = env.get("ALERT_TOPIC_ARN");
        AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(20)).build();
        DynamoDbClientBuilder dynamo = DynamoDbClient.builder().region(awsRegion).credentialsProvider(credentials)
                .httpClient(http);
        SnsClientBuilder snsBuilder = SnsClient.builder().region(awsRegion).credentialsProvider(credentials)
                .httpClient(http);
        SageMakerClientBuilder sage = SageMakerClient.builder().region(awsRegion).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(6).build())
                        .build());
        String endpoint = endpoint(env, "DYNAMODB");
        if (endpoint != null) {
            dynamo.endpointOverride(URI.create(endpoint));
        }
        endpoint = endpoint(env, "SNS");
        if (endpoint != null) {
            snsBuilder.endpointOverride(URI.create(endpoint));
        }
        endpoint = endpoint(env, "SAGEMAKER");
        if (endpoint != null) {
            sage.endpointOverride(URI.create(endpoint));
        }
        dynamoDb = dynamo.build();
        sns = snsBuilder.build();
        sageMaker = sage.build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (extras != null) {
            extras.before(event, context);
        }
        String result = process(event);
        if (extras != null) {
            extras.after(result.contains("\"status\":\"FAILED\"") ? "FAILED" : "OTHER");
        }
        output.write(result.getBytes(StandardCharsets.UTF_8));
    }

    String process(byte[] eventBytes) {
        JsonNode event = JsonNode.parser().parse(eventBytes);
        String eventId = event.field("id").map(JsonNode::asString).orElseThrow();
        String job = event.field("detail").flatMap(d -> d.field("OptimizationJobName")).map(JsonNode::asString)
                .orElseThrow(() -> new IllegalArgumentException("no job name"));

        DescribeOptimizationJobResponse described = sageMaker.describeOptimizationJob(
                DescribeOptimizationJobRequest.builder().optimizationJobName(job).build());
        String status = described.optimizationJobStatusAsString();
        String created = iso(described.creationTime());
        String modified = iso(described.lastModifiedTime() != null ? described.lastModifiedTime()
                : described.creationTime());
        String now = iso(Instant.now());

        Map<String, AttributeValue> facts = new LinkedHashMap<>();
        putIfPresent(facts, "JobArn", described.optimizationJobArn());
        putIfPresent(facts, "FailureReason", described.failureReason());
        putIfPresent(facts, "DeploymentInstanceType", described.deploymentInstanceTypeAsString());
        putIfPresent(facts, "ModelSource", modelSource(described));
        putIfPresent(facts, "OutputLocation",
                described.outputConfig() == null ? null : described.outputConfig().s3OutputLocation());
        putIfPresent(facts, "OptimizationStartTime", iso(described.optimizationStartTime()));
        putIfPresent(facts, "OptimizationEndTime", iso(described.optimizationEndTime()));
        List<String> types = optimizationTypes(described);
        if (!types.isEmpty()) {
            facts.put("OptimizationTypes", AttributeValue.fromL(types.stream().map(AttributeValue::fromS).toList()));
        }
        facts.put("Job", document(described));

        // 1. History entry: first sighting of (incarnation, status) wins.
        Map<String, AttributeValue> history = new LinkedHashMap<>();
        history.put("JobName", s(job));
        history.put("RecordKey", s("HISTORY#" + created + "#" + status));
        history.put("Status", s(status));
        history.put("HistoryTime", s(modified));
        history.put("CreationTime", s(created));
        history.putAll(facts);
        history.put("EventId", s(eventId));
        history.put("EventOrigin", s("state-change"));
        history.put("RecordedAt", s(now));
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(history)
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", "RecordKey")).build());
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // duplicate event
        }

        // 2. Current record, never rolled back.
        String version = created + "|" + modified;
        Map<String, AttributeValue> current = new LinkedHashMap<>();
        current.put("CurrentStatus", s(status));
        current.put("Status", s(status));
        current.put("CreationTime", s(created));
        current.put("CreationYear", s(created.substring(0, 4)));
        current.put("LastModifiedTime", s(modified));
        current.put("RecordVersion", s(version));
        current.putAll(facts);
        current.put("EventId", s(eventId));
        current.put("EventOrigin", s("state-change"));
        current.put("RecordedAt", s(now));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder update = new StringBuilder("SET ");
        int i = 0;
        for (Map.Entry<String, AttributeValue> fact : current.entrySet()) {
            names.put("#a" + i, fact.getKey());
            values.put(":a" + i, fact.getValue());
            update.append(i == 0 ? "" : ", ").append("#a").append(i).append(" = :a").append(i);
            i++;
        }
        int removed = 0;
        for (String optional : OPTIONAL) {
            if (!current.containsKey(optional)) {
                names.put("#r" + removed, optional);
                update.append(removed == 0 ? " REMOVE " : ", ").append("#r").append(removed);
                removed++;
            }
        }
        names.put("#sk", "RecordKey");
        names.put("#v", "RecordVersion");
        values.put(":v", s(version));
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("JobName", s(job), "RecordKey", s("CURRENT")))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_not_exists(#sk) OR #v <= :v")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW).build());
        } catch (ConditionalCheckFailedException stale) {
            // an older sighting; keep the newer record
        }
        if (!"FAILED".equals(status)) {
            return "{\"jobName\":\"" + job + "\",\"status\":\"" + status + "\",\"alert\":\"NONE\"}";
        }

        // 3. Alert once: claim, publish, mark sent.
        Map<String, AttributeValue> alertKey = Map.of("JobName", s(job),
                "RecordKey", s("ALERT#" + created + "#" + status));
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> claim = new HashMap<>(alertKey);
        claim.put("AlertState", s("PENDING"));
        claim.put("ClaimToken", s(token));
        claim.put("ClaimedUntil", s(iso(Instant.now().plusSeconds(45))));
        claim.put("Status", s(status));
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(claim)
                    .conditionExpression("attribute_not_exists(#sk) OR (#state = :pending AND #until < :now)")
                    .expressionAttributeNames(Map.of("#sk", "RecordKey", "#state", "AlertState",
                            "#until", "ClaimedUntil"))
                    .expressionAttributeValues(Map.of(":pending", s("PENDING"), ":now", s(now))).build());
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            countIntoStormWindow(job, created);
            return "{\"jobName\":\"" + job + "\",\"alert\":\"ALREADY_SENT\"}";
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("jobName", MessageAttributeValue.builder().dataType("String").stringValue(job).build());
        attributes.put("status", MessageAttributeValue.builder().dataType("String").stringValue(status).build());
        if (described.deploymentInstanceTypeAsString() != null) {
            attributes.put("instanceType", MessageAttributeValue.builder().dataType("String")
                    .stringValue(described.deploymentInstanceTypeAsString()).build());
        }
        String messageId = sns.publish(PublishRequest.builder().topicArn(topicArn)
                .subject(status + ": SageMaker optimization job " + job)
                .messageStructure("json")
                .message(message(described, job, status, eventId, types))
                .messageAttributes(attributes).build()).messageId();
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(alertKey)
                .updateExpression("SET #state = :sent, #mid = :mid, #at = :at REMOVE #until")
                .conditionExpression("#token = :token")
                .expressionAttributeNames(Map.of("#state", "AlertState", "#mid", "MessageId", "#at", "SentAt",
                        "#until", "ClaimedUntil", "#token", "ClaimToken"))
                .expressionAttributeValues(Map.of(":sent", s("SENT"), ":mid", s(messageId), ":at", s(iso(Instant.now())),
                        ":token", s(token))).build());
        countIntoStormWindow(job, created);
        return "{\"jobName\":\"" + job + "\",\"status\":\"" + status + "\",\"alert\":\"PUBLISHED\"}";
    }

    /** 4. The failure into the storm window (the request the project makes), until the window is full. */
    private void countIntoStormWindow(String job, String created) {
        if (stormWindowFull) {
            return;
        }
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("JobName", s("FLOOR#STORMS"), "RecordKey", s("WINDOW")))
                    .updateExpression("ADD #f :member")
                    .conditionExpression("attribute_not_exists(#f) OR size(#f) < :max")
                    .expressionAttributeNames(Map.of("#f", "Failures"))
                    .expressionAttributeValues(Map.of(":member", AttributeValue.fromSs(List.of(job + "\t" + created
                            + "\tGPU_MEMORY")), ":max", AttributeValue.fromN("500")))
                    .returnValues(ReturnValue.ALL_NEW).build());
        } catch (ConditionalCheckFailedException full) {
            stormWindowFull = true;
        }
    }

    /** The structured SNS message: a text for people (default, email) and the same JSON facts per machine protocol. */
    private String message(DescribeOptimizationJobResponse job, String name, String status, String eventId,
                           List<String> types) {
        String console = "https://" + region + ".console.aws.amazon.com/sagemaker/home?region=" + region
                + "#/optimization-jobs/" + name;
        JsonWriter facts = JsonWriter.create();
        facts.writeStartObject();
        field(facts, "type", "OptimizationJobAlert");
        field(facts, "jobName", name);
        field(facts, "jobArn", job.optimizationJobArn());
        field(facts, "status", status);
        field(facts, "failureReason", job.failureReason());
        facts.writeFieldName("failureReasonTruncated").writeValue(false);
        field(facts, "modelSource", modelSource(job));
        field(facts, "instanceType", job.deploymentInstanceTypeAsString());
        facts.writeFieldName("optimizationTypes").writeStartArray();
        types.forEach(facts::writeValue);
        facts.writeEndArray();
        field(facts, "outputLocation", job.outputConfig() == null ? null : job.outputConfig().s3OutputLocation());
        field(facts, "creationTime", iso(job.creationTime()));
        field(facts, "startTime", iso(job.optimizationStartTime()));
        field(facts, "endTime", iso(job.optimizationEndTime()));
        field(facts, "lastModifiedTime", iso(job.lastModifiedTime()));
        field(facts, "createdBy", null);
        field(facts, "region", region);
        field(facts, "consoleUrl", console);
        field(facts, "eventId", eventId);
        facts.writeEndObject();
        String json = new String(facts.getBytes(), StandardCharsets.UTF_8);

        StringBuilder text = new StringBuilder("SageMaker optimization job ").append(name).append(" is ")
                .append(status).append(" in ").append(region).append(".\n\nFailure reason:\n")
                .append(job.failureReason()).append("\n\nJob: ").append(name)
                .append("\nInstance type: ").append(job.deploymentInstanceTypeAsString())
                .append("\nCreated: ").append(iso(job.creationTime()))
                .append("\nConsole: ").append(console).append("\nARN: ").append(job.optimizationJobArn()).append('\n');
        JsonWriter envelope = JsonWriter.create();
        envelope.writeStartObject();
        field(envelope, "default", text.toString());
        field(envelope, "email", text.toString());
        for (String protocol : MACHINE_PROTOCOLS) {
            field(envelope, protocol, json);
        }
        envelope.writeEndObject();
        return new String(envelope.getBytes(), StandardCharsets.UTF_8);
    }

    private static void field(JsonWriter writer, String name, String value) {
        writer.writeFieldName(name);
        if (value == null) {
            writer.writeNull();
        } else {
            writer.writeValue(value);
        }
    }

    /** The job as an operator wants it in the table: the described members, as a DynamoDB map. */
    private static AttributeValue document(DescribeOptimizationJobResponse job) {
        Map<String, AttributeValue> document = new LinkedHashMap<>();
        putIfPresent(document, "OptimizationJobName", job.optimizationJobName());
        putIfPresent(document, "OptimizationJobArn", job.optimizationJobArn());
        putIfPresent(document, "OptimizationJobStatus", job.optimizationJobStatusAsString());
        putIfPresent(document, "CreationTime", iso(job.creationTime()));
        putIfPresent(document, "LastModifiedTime", iso(job.lastModifiedTime()));
        putIfPresent(document, "OptimizationStartTime", iso(job.optimizationStartTime()));
        putIfPresent(document, "OptimizationEndTime", iso(job.optimizationEndTime()));
        putIfPresent(document, "FailureReason", job.failureReason());
        putIfPresent(document, "DeploymentInstanceType", job.deploymentInstanceTypeAsString());
        putIfPresent(document, "RoleArn", job.roleArn());
        if (job.modelSource() != null) {
            Map<String, AttributeValue> source = new LinkedHashMap<>();
            if (job.modelSource().s3() != null) {
                source.put("S3", AttributeValue.fromM(Map.of("S3Uri", s(job.modelSource().s3().s3Uri()))));
            }
            if (job.modelSource().sageMakerModel() != null) {
                source.put("SageMakerModel", AttributeValue.fromM(Map.of("ModelName",
                        s(job.modelSource().sageMakerModel().modelName()))));
            }
            document.put("ModelSource", AttributeValue.fromM(source));
        }
        if (job.outputConfig() != null) {
            Map<String, AttributeValue> output = new LinkedHashMap<>();
            putIfPresent(output, "S3OutputLocation", job.outputConfig().s3OutputLocation());
            putIfPresent(output, "KmsKeyId", job.outputConfig().kmsKeyId());
            document.put("OutputConfig", AttributeValue.fromM(output));
        }
        List<AttributeValue> configs = new ArrayList<>();
        for (String type : optimizationTypes(job)) {
            configs.add(AttributeValue.fromM(Map.of("Type", s(type))));
        }
        document.put("OptimizationConfigs", AttributeValue.fromL(configs));
        if (job.stoppingCondition() != null && job.stoppingCondition().maxRuntimeInSeconds() != null) {
            document.put("StoppingCondition", AttributeValue.fromM(Map.of("MaxRuntimeInSeconds",
                    AttributeValue.fromN(job.stoppingCondition().maxRuntimeInSeconds().toString()))));
        }
        return AttributeValue.fromM(document);
    }

    private static List<String> optimizationTypes(DescribeOptimizationJobResponse job) {
        List<String> types = new ArrayList<>();
        for (OptimizationConfig config : job.optimizationConfigs()) {
            if (config.modelQuantizationConfig() != null) {
                types.add("Quantization");
            }
            if (config.modelCompilationConfig() != null) {
                types.add("Compilation");
            }
            if (config.modelShardingConfig() != null) {
                types.add("Sharding");
            }
            if (config.modelSpeculativeDecodingConfig() != null) {
                types.add("SpeculativeDecoding");
            }
        }
        return types;
    }

    private static String modelSource(DescribeOptimizationJobResponse job) {
        if (job.modelSource() == null) {
            return null;
        }
        if (job.modelSource().s3() != null) {
            return job.modelSource().s3().s3Uri();
        }
        return job.modelSource().sageMakerModel() == null ? null
                : "SageMaker model " + job.modelSource().sageMakerModel().modelName();
    }

    /** The stand-in endpoint, under the project's variable name (TRACKER_ENDPOINT_*) or the SDK's own one. */
    private static String endpoint(Map<String, String> env, String service) {
        String value = env.get("TRACKER_ENDPOINT_" + service);
        return value != null && !value.isBlank() ? value : env.get("AWS_ENDPOINT_URL_" + service);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
