package io.github.optimizationjobtracker.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stored times must sort as strings in time order: fixed width, UTC, milliseconds. */
class TimesTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsFixedWidthUtcWithMillisecondsAsThePatternFormatterWould() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-11-27T09:12:05.339Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("1969-12-31T23:59:59.001Z")));
        Random random = new Random(20261129);
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(Times.iso(instant)).as(instant.toString()).isEqualTo(REFERENCE.format(instant)).hasSize(24);
        }
    }

    @Test
    void sortsAsTime() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Instant a = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
            Instant b = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
            assertThat(Integer.signum(Times.iso(a).compareTo(Times.iso(b)))).isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }

    @Test
    void readsSageMakerEpochSecondsAndKeepsNull() {
        assertThat(Times.fromEpochSeconds(new BigDecimal("1795770725.339"))).isEqualTo(Instant.parse("2026-11-27T09:12:05.339Z"));
        assertThat(Times.iso(null)).isNull();
        assertThat(Times.year(Instant.parse("2026-11-27T09:12:05.339Z"))).isEqualTo("2026");
    }
}
