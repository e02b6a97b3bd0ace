package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.store.AttributeValues;
import io.github.optimizationjobtracker.json.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Makes "one alert per job incarnation and status" hold without transactions. An invocation first claims the
 * alert with a conditional put (a lease), publishes, then marks it SENT. A claim whose holder died expires and can
 * be taken over, so an alert is never lost; the only possible repeat is a crash between publish and mark.
 */
public final class AlertLedger {
    public static final String ALERT_STATE = "AlertState";
    public static final String CLAIM_TOKEN = "ClaimToken";
    public static final String CLAIMED_UNTIL = "ClaimedUntil";
    public static final String MESSAGE_ID = "MessageId";
    public static final String SENT_AT = "SentAt";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";

    public enum ClaimResult { CLAIMED, ALREADY_SENT, HELD_BY_ANOTHER }

    /**
     * Identifies one alert: its item's keys, and what it is about ("FAILED", "CREATE_REJECTED") for people
     * reading the table and the logs.
     */
    public record AlertKey(String partitionKey, String sortKey, String subject, String about) {
        /** A job incarnation (creation time) reaching one status: alerted once, ever. */
        public static AlertKey forStatus(String jobName, Instant jobCreationTime, String status) {
            return new AlertKey(jobName, ALERT_PREFIX + Times.iso(jobCreationTime) + "#" + status, status, jobName);
        }

        /**
         * A rejected CreateOptimizationJob: identical rejections of one caller (same error code and message, whatever
         * the job's name) within one UTC clock hour share a key, so a retry loop, a batch of jobs with the same bad
         * role or a caller without permissions alerts once an hour, however the events are ordered.
         */
        public static AlertKey forRejectedCreate(String caller, String jobName, String errorCode, String message,
                                                 Instant callTime) {
            String hour = Times.iso(callTime).substring(0, 13);
            String sameMessageForAnyName = String.valueOf(message).replace(jobName, "<job>");
            return new AlertKey(REJECTED_CREATE_ALERTS_PARTITION, ALERT_PREFIX + REJECTED_CREATE_STATUS + "#"
                    + errorCode + "#" + fingerprint(caller + "\n" + sameMessageForAnyName) + "#" + hour,
                    REJECTED_CREATE_STATUS, jobName);
        }

        /** A storm window's summary: once per window. */
        public static AlertKey forStorm(Instant windowStart) {
            return new AlertKey(FAILURE_STORMS_PARTITION, ALERT_PREFIX + FAILURE_STORM_STATUS + "#"
                    + Times.iso(windowStart), FAILURE_STORM_STATUS, "failure storm since " + Times.iso(windowStart));
        }

        /** The same alert on another channel (chat): claimed and sent apart, so neither repeats the other. */
        public AlertKey onChannel(String channel) {
            return new AlertKey(partitionKey, sortKey + "#" + channel, subject, about);
        }

        Map<String, AttributeValue> key() {
            return Map.of(PARTITION_KEY, s(partitionKey), SORT_KEY, s(sortKey));
        }

        private static String fingerprint(String text) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(digest, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration lease;

    public AlertLedger(DynamoDbClient dynamoDb, String tableName, Duration lease) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.lease = lease;
    }

    public ClaimResult claim(AlertKey alert, String token, Instant now) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(alert.key());
        item.put(ALERT_STATE, s(PENDING));
        item.put(CLAIM_TOKEN, s(token));
        item.put(CLAIMED_UNTIL, s(Times.iso(now.plus(lease))));
        item.put("Status", s(alert.subject()));
        try {
            dynamoDb.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#sk) OR (#state = :pending AND #until < :now)")
                    .expressionAttributeNames(Map.of("#sk", SORT_KEY, "#state", ALERT_STATE, "#until", CLAIMED_UNTIL))
                    .expressionAttributeValues(Map.of(":pending", s(PENDING), ":now", s(Times.iso(now)))));
            return ClaimResult.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            return SENT.equals(state(alert).orElse(null)) ? ClaimResult.ALREADY_SENT : ClaimResult.HELD_BY_ANOTHER;
        }
    }

    /** Records the publish. False if our claim was taken over meanwhile (we were slower than the lease). */
    public boolean markSent(AlertKey alert, String token, String messageId, Instant now) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(alert.key())
                    .updateExpression("SET #state = :sent, #mid = :mid, #at = :at REMOVE #until")
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(Map.of("#state", ALERT_STATE, "#mid", MESSAGE_ID, "#at", SENT_AT,
                            "#until", CLAIMED_UNTIL, "#token", CLAIM_TOKEN))
                    .expressionAttributeValues(Map.of(":sent", s(SENT), ":mid", s(messageId),
                            ":at", s(Times.iso(now)), ":token", s(token))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives a claim back after a failed publish, so the retry can claim at once instead of waiting out the lease. */
    public void release(AlertKey alert, String token) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(tableName).key(alert.key())
                    .conditionExpression("#token = :token AND #state = :pending")
                    .expressionAttributeNames(Map.of("#token", CLAIM_TOKEN, "#state", ALERT_STATE))
                    .expressionAttributeValues(Map.of(":token", s(token), ":pending", s(PENDING))));
        } catch (ConditionalCheckFailedException e) {
            // someone else holds it now; nothing of ours to release
        }
    }

    public Optional<String> state(AlertKey alert) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).key(alert.key())
                .consistentRead(true)).item();
        return Optional.ofNullable(item == null ? null : AttributeValues.string(item, ALERT_STATE));
    }
}
