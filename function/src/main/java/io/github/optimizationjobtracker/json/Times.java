package io.github.optimizationjobtracker.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Time formats used in the table. Stored times are ISO-8601 UTC with exactly three fraction digits, so that
 * string order is time order (DynamoDB sort keys compare strings).
 */
public final class Times {
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

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
