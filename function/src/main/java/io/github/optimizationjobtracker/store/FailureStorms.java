package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.json.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The failures alerted in the current window, one item: a window opens with the first failure after the last one
 * closed and lasts its length. Members are a set, so an event processed twice counts once; the set is bounded, so a
 * storm of thousands of failures cannot grow the item past DynamoDB's limit (the window is then simply full).
 */
public final class FailureStorms {
    static final String WINDOW_KEY = "WINDOW";
    static final String WINDOW_START = "WindowStart";
    static final String FAILURES = "Failures";
    /** Members kept per window; a storm larger than this is reported as this many and more. */
    public static final int MAX_MEMBERS = 500;
    private static final int MAX_ATTEMPTS = 5;

    /** One failure of a window: a job incarnation (or a rejected create's call) and its category. */
    public record Member(String jobName, Instant creationTime, String category) {
        /** Tab-separated: no job name (nor the printable form of a refused one) holds a control character. */
        String encoded() {
            return jobName + "\t" + Times.iso(creationTime) + "\t" + category;
        }

        static Member decoded(String text) {
            String[] parts = text.split("\t", 3);
            return new Member(parts[0], Times.parse(parts[1]), parts[2]);
        }
    }

    /** The failures of one window so far. */
    public record Window(Instant start, List<Member> members) {
        public int size() {
            return members.size();
        }

        /** Job names per category, both in order. */
        public Map<String, List<String>> byCategory() {
            Map<String, List<String>> grouped = new TreeMap<>();
            for (Member member : members) {
                grouped.computeIfAbsent(member.category(), k -> new ArrayList<>()).add(member.jobName());
            }
            grouped.values().forEach(java.util.Collections::sort);
            return grouped;
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration window;
    /**
     * The open window this container found full. A full window takes no member until it closes, so there is nothing
     * to write or read until then: in a storm, every later failure would otherwise spend a failed write and a read on
     * the one item all the failures share. Another container's window can open only once this one has closed by its
     * own clock (clocks agree to well under a second), and a new window length comes with new containers.
     */
    private volatile Window knownFull;

    public FailureStorms(DynamoDbClient dynamoDb, String tableName, Duration window) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** Adds one alerted failure (a job incarnation, its category) to the open window, opening one if none is. */
    public Window add(Member failure, Instant now) {
        Window full = knownFull;
        if (full != null && full.start().isAfter(now.minus(window))) {
            return full;
        }
        String member = failure.encoded();
        String openSince = Times.iso(now.minus(window));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                Map<String, AttributeValue> item = dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                        .updateExpression("ADD #f :member")
                        .conditionExpression("attribute_exists(#start) AND #start > :openSince AND size(#f) < :max")
                        .expressionAttributeNames(Map.of("#f", FAILURES, "#start", WINDOW_START))
                        .expressionAttributeValues(Map.of(":member", AttributeValue.fromSs(List.of(member)),
                                ":openSince", s(openSince), ":max", AttributeValue.fromN(Integer.toString(MAX_MEMBERS))))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
                return remembered(window(item));
            } catch (ConditionalCheckFailedException notOpenOrFull) {
                Map<String, AttributeValue> current = dynamoDb.getItem(r -> r.tableName(tableName).key(key())
                        .consistentRead(true)).item();
                if (current != null && !current.isEmpty()
                        && AttributeValues.string(current, WINDOW_START).compareTo(openSince) > 0) {
                    return remembered(window(current)); // open, and full
                }
                try {
                    Map<String, AttributeValue> opened = new java.util.HashMap<>(key());
                    opened.put(WINDOW_START, s(Times.iso(now)));
                    opened.put(FAILURES, AttributeValue.fromSs(List.of(member)));
                    opened.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(window).plus(Duration.ofDays(1))
                            .getEpochSecond())));
                    dynamoDb.putItem(r -> r.tableName(tableName).item(opened)
                            .conditionExpression("attribute_not_exists(#start) OR #start <= :openSince")
                            .expressionAttributeNames(Map.of("#start", WINDOW_START))
                            .expressionAttributeValues(Map.of(":openSince", s(openSince))));
                    return window(opened);
                } catch (ConditionalCheckFailedException anotherOpenedIt) {
                    // another invocation opened a window just now: join it
                }
            }
        }
        throw new IllegalStateException("could not add " + failure.jobName() + " to the failure window after " + MAX_ATTEMPTS
                + " attempts (contention on the window item)");
    }

    private Window remembered(Window open) {
        if (open.size() >= MAX_MEMBERS) {
            knownFull = open;
        }
        return open;
    }

    /**
     * The members in order, decoded only when someone reads them: every failure of a storm asks the window's size,
     * only its summary reads the members.
     */
    private static List<Member> decodedWhenRead(List<String> encoded) {
        return new AbstractList<>() {
            private List<Member> decoded;

            @Override
            public Member get(int index) {
                List<Member> members = decoded;
                if (members == null) {
                    members = new TreeSet<>(encoded).stream().map(Member::decoded).toList();
                    decoded = members;
                }
                return members.get(index);
            }

            @Override
            public int size() {
                return encoded.size(); // a string set: no duplicates to drop
            }
        };
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(PARTITION_KEY, s(FAILURE_STORMS_PARTITION), SORT_KEY, s(WINDOW_KEY));
    }

    private static Window window(Map<String, AttributeValue> item) {
        return new Window(Times.parse(AttributeValues.string(item, WINDOW_START)),
                decodedWhenRead(item.get(FAILURES).ss()));
    }
}
