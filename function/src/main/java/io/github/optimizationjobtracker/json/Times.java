package io.github.optimizationjobtracker.json;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Time formats used in the table. Stored times are ISO-8601 UTC with exactly three fraction digits, so that
 * string order is time order (DynamoDB sort keys compare strings).
 */
public final class Times {
    /** ISO-8601 as {@link Instant#toString()} writes it, but always with exactly three fraction digits. */
    private static final DateTimeFormatter SORTABLE = new DateTimeFormatterBuilder().appendInstant(3)
            .toFormatter(Locale.ROOT);
    /** The lengths of the two shapes {@link #parse} reads itself. */
    private static final int WHOLE_SECONDS = "2026-11-30T12:00:00Z".length();
    private static final int MILLISECONDS = "2026-11-30T12:00:00.000Z".length();

    private Times() {
    }

    public static String iso(Instant instant) {
        return instant == null ? null : SORTABLE.format(instant);
    }

    /**
     * {@link Instant#parse}, with a quick path for the two shapes met on every event: EventBridge's whole seconds
     * ({@code 2026-11-30T12:00:00Z}) and the table's three fraction digits. Any other text, and any value out of
     * range (a leap second, the 30th of February), goes to {@code Instant.parse}, which gives the answer or the error.
     */
    public static Instant parse(String text) {
        int length = text.length();
        if ((length == WHOLE_SECONDS || length == MILLISECONDS) && hasQuickShape(text)) {
            try {
                return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2),
                        digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2),
                        length == MILLISECONDS ? digits(text, 20, 3) * 1_000_000 : 0).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException outOfRange) {
                // Instant.parse below decides
            }
        }
        return Instant.parse(text);
    }

    /** yyyy-MM-ddTHH:mm:ss then Z or .SSSZ, with ASCII digits where digits go. */
    private static boolean hasQuickShape(String text) {
        String shape = text.length() == WHOLE_SECONDS ? "dddd-dd-ddTdd:dd:ddZ" : "dddd-dd-ddTdd:dd:dd.dddZ";
        for (int i = 0; i < shape.length(); i++) {
            char expected = shape.charAt(i);
            char c = text.charAt(i);
            if (expected == 'd' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** SageMaker's JSON protocol sends timestamps as epoch seconds with a fraction. */
    public static Instant fromEpochSeconds(BigDecimal seconds) {
        BigDecimal millis = seconds.movePointRight(3);
        return Instant.ofEpochMilli(millis.longValue());
    }

    public static String year(Instant instant) {
        return iso(instant).substring(0, 4);
    }
}
