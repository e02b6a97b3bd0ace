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

    /** The quick path reads what Instant.parse reads, and leaves every error to it. */
    @Test
    void readsInstantsAsInstantParseDoes() {
        Random random = new Random(1201);
        List<String> texts = new ArrayList<>(List.of("2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z",
                "2026-12-31T23:59:60Z", "2026-06-30T23:59:60.000Z", "2026-04-31T10:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "2026-11-30T24:00:00Z", "2026-11-30t12:00:00z", "2026-11-30T12:00:00.5Z",
                "2026-11-30T12:00:00+01:00", "2026-11-30T12:00Z", "+12026-11-30T12:00:00Z", "2026-11-30T12:00:00Z ",
                "２026-11-30T12:00:00Z", "2026-11-30T12:00:00.000000001Z", ""));
        for (int i = 0; i < 20_000; i++) {
            // digits anywhere from 0 to 9: mostly impossible dates and times, some valid ones
            StringBuilder text = new StringBuilder(i % 2 == 0 ? "dddd-dd-ddTdd:dd:ddZ" : "dddd-dd-ddTdd:dd:dd.dddZ");
            for (int c = 0; c < text.length(); c++) {
                if (text.charAt(c) == 'd') {
                    text.setCharAt(c, (char) ('0' + random.nextInt(c < 4 ? 10 : 4)));
                }
            }
            texts.add(text.toString());
            texts.add(Times.iso(Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L))));
            texts.add(Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L)).toString());
        }
        int valid = 0;
        for (String text : texts) {
            Object expected;
            try {
                expected = Instant.parse(text);
                valid++;
            } catch (RuntimeException e) {
                expected = e.getClass().getName() + ": " + e.getMessage();
            }
            Object actual;
            try {
                actual = Times.parse(text);
            } catch (RuntimeException e) {
                actual = e.getClass().getName() + ": " + e.getMessage();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
        assertThat(valid).as("texts that are instants").isGreaterThan(40_000);
    }
}
