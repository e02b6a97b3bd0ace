package io.github.optimizationjobtracker.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * The poller's settings, read once at start-up and validated as a whole.
 *
 * @param backfill how far back the very first poll looks; empty means the whole history
 */
public record PollerConfig(Region region, String tableName, String eventBusName, Duration overlap,
                           Optional<Duration> backfill, int pageSize, ServiceEndpoints endpoints) {

    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Pattern BUS = Pattern.compile("[/.\\-_A-Za-z0-9:]{1,1600}");

    public static PollerConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        Region region = env.region();
        String table = env.matching(EnvironmentVariables.TABLE_NAME, TABLE, "a DynamoDB table name");
        String bus = env.optional(EnvironmentVariables.EVENT_BUS_NAME).orElse("default");
        if (!BUS.matcher(bus).matches()) {
            env.problem(EnvironmentVariables.EVENT_BUS_NAME + " '" + bus + "' is not an event bus name or ARN");
        }
        int overlapSeconds = env.integer(EnvironmentVariables.POLL_OVERLAP_SECONDS, 300, 0, 86_400);
        String backfillText = env.optional(EnvironmentVariables.POLL_BACKFILL_HOURS).orElse("24");
        Optional<Duration> backfill = Optional.empty();
        if (!backfillText.toUpperCase(Locale.ROOT).equals("ALL")) {
            Integer hours = env.parsed(EnvironmentVariables.POLL_BACKFILL_HOURS, backfillText, text -> {
                int value = Integer.parseInt(text);
                if (value < 1 || value > 24 * 365 * 10) {
                    throw new IllegalArgumentException("expected 1..87600 hours or ALL");
                }
                return value;
            });
            backfill = Optional.of(Duration.ofHours(hours == null ? 24 : hours));
        }
        int pageSize = env.integer(EnvironmentVariables.POLL_PAGE_SIZE, 100, 1, 100);
        ServiceEndpoints endpoints = ServiceEndpoints.from(env);
        env.validate();
        return new PollerConfig(region, table, bus, Duration.ofSeconds(overlapSeconds), backfill, pageSize, endpoints);
    }
}
