package io.github.optimizationjobtracker.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A span of time as {@code --created} takes it: {@code FROM[..TO]}, each side a {@link TimeArgument}. One day alone
 * is that whole day; one age or instant alone runs until now.
 */
public record TimeRange(TimeArgument from, TimeArgument to) {
    public static final String ACCEPTED = "FROM[..TO], each " + TimeArgument.ACCEPTED;

    public static TimeRange parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            return new TimeRange(TimeArgument.parse(text), null);
        }
        return new TimeRange(TimeArgument.parse(text.substring(0, dots)), TimeArgument.parse(text.substring(dots + 2)));
    }

    public Instant start(Clock clock, ZoneId zone) {
        return from.start(clock, zone);
    }

    public Instant end(Clock clock, ZoneId zone) {
        if (to != null) {
            return to.end(clock, zone);
        }
        return from.isDay() ? from.end(clock, zone) : clock.instant();
    }
}
