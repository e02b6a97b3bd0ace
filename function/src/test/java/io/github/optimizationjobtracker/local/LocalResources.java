package io.github.optimizationjobtracker.local;

import static io.github.optimizationjobtracker.store.TableLayout.*;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the table, topic and alert inbox queue on the stand-ins; safe to run against ones that already exist. */
public final class LocalResources {
    private LocalResources() {
    }

    /** The same keys and indexes as the CDK stack and template.yaml (both checked against TableLayout). */
    public static void createTable(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.createTable(r -> r.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute(PARTITION_KEY), attribute(SORT_KEY), attribute(HISTORY_TIME),
                            attribute(CURRENT_STATUS), attribute(LAST_MODIFIED_TIME), attribute(CREATION_YEAR),
                            attribute(CREATION_TIME))
                    .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                    .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(HISTORY_BY_TIME_INDEX)
                            .keySchema(key(PARTITION_KEY, KeyType.HASH), key(HISTORY_TIME, KeyType.RANGE))
                            .projection(all()).build())
                    .globalSecondaryIndexes(
                            GlobalSecondaryIndex.builder().indexName(JOBS_BY_STATUS_INDEX)
                                    .keySchema(key(CURRENT_STATUS, KeyType.HASH), key(LAST_MODIFIED_TIME, KeyType.RANGE))
                                    .projection(all()).build(),
                            GlobalSecondaryIndex.builder().indexName(JOBS_BY_CREATION_INDEX)
                                    .keySchema(key(CREATION_YEAR, KeyType.HASH), key(CREATION_TIME, KeyType.RANGE))
                                    .projection(all()).build()));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        // dynalite creates tables at once (--createTableMs 0); the SDK waiter's default first poll is 20 s away.
        try (var waiter = software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(o -> o.maxAttempts(100).backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(java.time.Duration.ofMillis(50))))
                .build()) {
            waiter.waitUntilTableExists(r -> r.tableName(tableName));
        }
    }

    /** Creates the topic (idempotent in SNS) and a queue subscribed to it, and returns the queue URL. */
    public static String createTopicWithInbox(SnsClient sns, SqsClient sqs, String topicName, String queueName) {
        String topicArn = sns.createTopic(r -> r.name(topicName)).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        boolean subscribed = sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> queueArn.equals(s.endpoint()));
        if (!subscribed) {
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        }
        return queueUrl;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Projection all() {
        return Projection.builder().projectionType(ProjectionType.ALL).build();
    }
}
