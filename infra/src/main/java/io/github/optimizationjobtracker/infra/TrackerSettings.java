package io.github.optimizationjobtracker.infra;

import io.github.optimizationjobtracker.config.ProcessorConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Deployment choices, read from CDK context ({@code cdk.json} or {@code cdk deploy -c key=value}).
 *
 * @param functionJar          the shaded Lambda package ({@code functionJar}, default
 *                             {@code ../function/target/function.jar}, relative to the working directory)
 * @param pollIntervalMinutes  poller schedule ({@code pollIntervalMinutes}, default 1)
 * @param logRetentionDays     Lambda log retention ({@code logRetentionDays}, default 30; a value CloudWatch accepts)
 * @param alertEmail           optional e-mail subscription to the alert topic ({@code alertEmail})
 * @param opsEmail             optional e-mail subscription to the alarm (operations) topic ({@code opsEmail})
 * @param alertStatuses        statuses that raise an alert ({@code alertStatuses}, default {@code FAILED})
 * @param historyRetentionDays days history entries are kept, 0 = forever ({@code historyRetentionDays}, default 0)
 * @param processorConcurrency reserved concurrency of the processor ({@code processorConcurrency}, default 10): bounds
 *                             what a flood of events can cost; events beyond it wait in Lambda's queue
 * @param forwardToDefaultBus  copy the tracker bus's state changes to the default bus ({@code forwardToDefaultBus},
 *                             default true), where other teams' rules match them
 * @param createRejectionAlertCodes CloudTrail error codes of a rejected create that alert
 *                             ({@code createRejectionAlertCodes}, default ValidationException, AccessDenied, ...)
 * @param chatTopic            a second alert topic in Amazon Q Developer's chat format, for Slack or Microsoft
 *                             Teams channels ({@code chatTopic}, default false)
 * @param stormThreshold       failures within one storm window that earn a summary alert, 0 for none
 *                             ({@code stormThreshold}, default 5)
 * @param stormWindowMinutes   the storm window ({@code stormWindowMinutes}, default 10)
 */
public record TrackerSettings(
        Path functionJar,
        int pollIntervalMinutes,
        int logRetentionDays,
        Optional<String> alertEmail,
        Optional<String> opsEmail,
        String alertStatuses,
        int historyRetentionDays,
        int processorConcurrency,
        boolean forwardToDefaultBus,
        String createRejectionAlertCodes,
        boolean chatTopic,
        int stormThreshold,
        int stormWindowMinutes) {

    public static final String DEFAULT_FUNCTION_JAR = "../function/target/function.jar";
    public static final int DEFAULT_PROCESSOR_CONCURRENCY = 10;

    public TrackerSettings {
        if (pollIntervalMinutes < 1) {
            throw new IllegalArgumentException("pollIntervalMinutes must be at least 1, got " + pollIntervalMinutes);
        }
        retention(logRetentionDays); // validates
        if (historyRetentionDays < 0) {
            throw new IllegalArgumentException("historyRetentionDays must be 0 (keep) or positive");
        }
        if (alertStatuses.isBlank()) {
            throw new IllegalArgumentException("alertStatuses must name at least one status, e.g. FAILED");
        }
        if (processorConcurrency < 1 || processorConcurrency > 1000) {
            throw new IllegalArgumentException("processorConcurrency must be 1..1000, got " + processorConcurrency);
        }
        if (stormThreshold < 0 || stormThreshold > 1000) {
            throw new IllegalArgumentException("stormThreshold must be 0 (no storm summaries) to 1000, got "
                    + stormThreshold);
        }
        if (stormWindowMinutes < 1 || stormWindowMinutes > 24 * 60) {
            throw new IllegalArgumentException("stormWindowMinutes must be 1..1440, got " + stormWindowMinutes);
        }
        if (!createRejectionAlertCodes.matches("(?i)NONE|[A-Za-z][A-Za-z0-9.]*(,[A-Za-z][A-Za-z0-9.]*)*")) {
            throw new IllegalArgumentException("createRejectionAlertCodes must be NONE or comma-separated error"
                    + " codes such as ValidationException,AccessDenied, got '" + createRejectionAlertCodes + "'");
        }
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(Path.of(DEFAULT_FUNCTION_JAR), 1, 30, Optional.empty(), Optional.empty(), "FAILED", 0,
                DEFAULT_PROCESSOR_CONCURRENCY, true, ProcessorConfig.DEFAULT_CREATE_REJECTION_ALERT_CODES, false,
                ProcessorConfig.DEFAULT_STORM_THRESHOLD, ProcessorConfig.DEFAULT_STORM_WINDOW_MINUTES);
    }

    public static TrackerSettings fromContext(Node node) {
        TrackerSettings d = defaults();
        return new TrackerSettings(
                Path.of(string(node, "functionJar").orElse(DEFAULT_FUNCTION_JAR)),
                integer(node, "pollIntervalMinutes", d.pollIntervalMinutes()),
                integer(node, "logRetentionDays", d.logRetentionDays()),
                string(node, "alertEmail"),
                string(node, "opsEmail"),
                string(node, "alertStatuses").orElse(d.alertStatuses()).toUpperCase(Locale.ROOT),
                integer(node, "historyRetentionDays", d.historyRetentionDays()),
                integer(node, "processorConcurrency", d.processorConcurrency()),
                bool(node, "forwardToDefaultBus", d.forwardToDefaultBus()),
                string(node, "createRejectionAlertCodes").orElse(d.createRejectionAlertCodes()).replace(" ", ""),
                bool(node, "chatTopic", d.chatTopic()),
                integer(node, "stormThreshold", d.stormThreshold()),
                integer(node, "stormWindowMinutes", d.stormWindowMinutes()));
    }

    private static boolean bool(Node node, String key, boolean fallback) {
        Object value = node.tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Context value " + key + " must be true or false, got '"
                    + value + "'");
        };
    }

    public RetentionDays logRetention() {
        return retention(logRetentionDays);
    }

    private static RetentionDays retention(int days) {
        return Arrays.stream(RetentionDays.values())
                .filter(r -> r != RetentionDays.INFINITE && days(r) == days)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("logRetentionDays " + days
                        + " is not a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)"));
    }

    private static int days(RetentionDays r) {
        return switch (r) {
            case ONE_DAY -> 1;
            case THREE_DAYS -> 3;
            case FIVE_DAYS -> 5;
            case ONE_WEEK -> 7;
            case TWO_WEEKS -> 14;
            case ONE_MONTH -> 30;
            case TWO_MONTHS -> 60;
            case THREE_MONTHS -> 90;
            case FOUR_MONTHS -> 120;
            case FIVE_MONTHS -> 150;
            case SIX_MONTHS -> 180;
            case ONE_YEAR -> 365;
            case THIRTEEN_MONTHS -> 400;
            case EIGHTEEN_MONTHS -> 545;
            case TWO_YEARS -> 731;
            case THREE_YEARS -> 1096;
            case FIVE_YEARS -> 1827;
            case SIX_YEARS -> 2192;
            case SEVEN_YEARS -> 2557;
            case EIGHT_YEARS -> 2922;
            case NINE_YEARS -> 3288;
            case TEN_YEARS -> 3653;
            default -> -1;
        };
    }

    private static Optional<String> string(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static int integer(Node node, String key, int fallback) {
        Object value = node.tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context value " + key + " must be a whole number, got '" + value + "'", e);
        }
    }
}
