package io.github.optimizationjobtracker.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moment as a person types it: an age ({@code 15m}, {@code 36h}, {@code 7d}, {@code 2w} ago), a day
 * ({@code 2026-11-27}, in the zone times are shown in) or an instant ({@code 2026-11-27T10:00:00Z}). Parsed without a
 * clock, resolved against one later, so "7d" means seven days before the run's "now".
 */
public sealed interface TimeArgument {
    /** What every message about a bad time says is accepted. */
    String ACCEPTED = "a duration (15m, 36h, 7d, 2w), a date (YYYY-MM-DD) or an instant (2026-11-27T10:00:00Z)";

    /** The first moment this argument covers: the start of a day. */
    Instant start(Clock clock, ZoneId zone);

    /** The last moment this argument covers: the last millisecond of a day. */
    Instant end(Clock clock, ZoneId zone);

    /** Whether the argument names a whole day rather than a moment. */
    default boolean isDay() {
        return this instanceof Day;
    }

    record Ago(Duration age) implements TimeArgument {
        public Instant start(Clock clock, ZoneId zone) {
            return clock.instant().minus(age);
        }

        public Instant end(Clock clock, ZoneId zone) {
            return start(clock, zone);
        }
    }

    record Day(LocalDate date) implements TimeArgument {
        public Instant start(Clock clock, ZoneId zone) {
            return date.atStartOfDay(zone).toInstant();
        }

        public Instant end(Clock clock, ZoneId zone) {
            return date.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
        }
    }

    record At(Instant instant) implements TimeArgument {
        public Instant start(Clock clock, ZoneId zone) {
            return instant;
        }

        public Instant end(Clock clock, ZoneId zone) {
            return instant;
        }
    }

    Pattern AGE = Pattern.compile("(\\d{1,6})([mhdw])");

    /** Parses what the user typed; the exception's message says what is accepted. */
    static TimeArgument parse(String text) {
        String value = text.strip();
        Matcher age = AGE.matcher(value);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            return new Ago(switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            });
        }
        try {
            if (value.length() == 10) {
                return new Day(LocalDate.parse(value));
            }
            return new At(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + ACCEPTED);
        }
    }
}
