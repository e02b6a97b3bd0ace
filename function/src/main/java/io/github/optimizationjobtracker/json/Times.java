package io.github.optimizationjobtracker.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
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
        if (instant == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return SORTABLE.format(instant); // not fixed-width anyway; never seen from SageMaker
        }
        // By hand: this runs several times per event, and the pattern formatter costs several times more.
        char[] text = new char[24];
        digits(text, 0, utc.getYear(), 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, utc.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
