package io.github.optimizationjobtracker.json;

import java.math.BigDecimal;
import java.time.Instant;
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

    private Times() {
    }

    public static String iso(Instant instant) {
        return instant == null ? null : SORTABLE.format(instant);
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
