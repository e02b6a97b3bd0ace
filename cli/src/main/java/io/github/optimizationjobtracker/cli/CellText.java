package io.github.optimizationjobtracker.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A cell's value as text: briefly for a table, exactly for CSV (and, for scalars, JSON). */
final class CellText {
    private final TimeStyle times;

    CellText(TimeStyle times) {
        this.times = times;
    }

    /** For a table: one line, times to the second, durations and rates for reading. */
    String brief(Column column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.kind()) {
            case TIME -> times.brief((Instant) value);
            case DURATION -> HumanDuration.format((Duration) value);
            case RATIO -> String.format(Locale.ROOT, "%.1f%%", (Double) value * 100);
            case LIST -> String.join(", ", strings(value));
            case FLAG -> (Boolean) value ? "yes" : "";
            default -> value.toString().replaceAll("\\s+", " ").strip();
        };
    }

    /** For CSV: every character of text, times to the millisecond, durations in seconds, rates as fractions. */
    String exact(Column column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.kind()) {
            case TIME -> times.full((Instant) value);
            case DURATION -> seconds((Duration) value).toPlainString();
            case RATIO -> ratio((Double) value).toPlainString();
            case LIST -> String.join(";", strings(value));
            default -> value.toString();
        };
    }

    /** Seconds to the millisecond, as few digits as they need: 240, 5410.5. */
    static BigDecimal seconds(Duration duration) {
        return plain(BigDecimal.valueOf(duration.toMillis(), 3));
    }

    /** A fraction to four decimals: 0.3333, not 0.3333333333333333. */
    static BigDecimal ratio(double value) {
        return plain(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP));
    }

    /** Without trailing zeros, and never in exponent form (240, not 2.4E+2), which JSON readers would show. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return (List<String>) value;
    }
}
