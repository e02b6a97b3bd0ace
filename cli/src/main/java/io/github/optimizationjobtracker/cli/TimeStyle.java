package io.github.optimizationjobtracker.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How times are shown: ISO-8601 in UTC (ending in Z) unless --local-time asks for the machine's zone (ending in its
 * offset). Full precision (milliseconds, as stored) in show, JSON and CSV; to the second in tables.
 */
public record TimeStyle(ZoneId zone) {
    public static final TimeStyle UTC = new TimeStyle(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DateTimeFormatter BRIEF = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    public String full(Instant instant) {
        return FULL.format(instant.atZone(zone));
    }

    public String brief(Instant instant) {
        return BRIEF.format(instant.atZone(zone));
    }
}
