package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private static Instant start(String text) {
        return TimeArgument.parse(text).start(NOW, ZoneOffset.UTC);
    }

    @Test
    void agesCountBackFromNow() {
        assertThat(start("15m")).isEqualTo("2026-11-30T11:45:00Z");
        assertThat(start("36h")).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(start("7d")).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(start("2w")).isEqualTo("2026-11-16T12:00:00Z");
        assertThat(start(" 0m ")).isEqualTo("2026-11-30T12:00:00Z");
    }

    @Test
    void aDayRunsFromItsFirstToItsLastMillisecondInTheZoneTimesAreShownIn() {
        TimeArgument day = TimeArgument.parse("2026-11-27");

        assertThat(day.start(NOW, ZoneOffset.UTC)).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(day.end(NOW, ZoneOffset.UTC)).isEqualTo("2026-11-27T23:59:59.999Z");
        assertThat(day.start(NOW, ZoneId.of("Asia/Kolkata"))).isEqualTo("2026-11-26T18:30:00Z");
    }

    @Test
    void instantsAreTakenAsTheyAreWithTheirOffset() {
        assertThat(start("2026-11-27T10:00:00Z")).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(start("2026-11-27T10:00:00.250+02:00")).isEqualTo("2026-11-27T08:00:00.250Z");
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        for (String bad : new String[] {"7x", "7", "d", "-7d", "1y", "2026-11-31", "2026-11-27T10:00", "now", ""}) {
            assertThatThrownBy(() -> TimeArgument.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not " + TimeArgument.ACCEPTED);
        }
    }

    @Test
    void aRangeOfDaysCoversBothWholeDays() {
        TimeRange range = TimeRange.parse("2025-12-31..2026-01-01");

        assertThat(range.start(NOW, ZoneOffset.UTC)).isEqualTo("2025-12-31T00:00:00Z");
        assertThat(range.end(NOW, ZoneOffset.UTC)).isEqualTo("2026-01-01T23:59:59.999Z");
    }

    @Test
    void oneDayAloneIsThatDayAndOneAgeAloneRunsUntilNow() {
        TimeRange day = TimeRange.parse("2026-11-27");
        TimeRange age = TimeRange.parse("7d");

        assertThat(day.end(NOW, ZoneOffset.UTC)).isEqualTo("2026-11-27T23:59:59.999Z");
        assertThat(age.start(NOW, ZoneOffset.UTC)).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(age.end(NOW, ZoneOffset.UTC)).isEqualTo("2026-11-30T12:00:00Z");
    }
}
