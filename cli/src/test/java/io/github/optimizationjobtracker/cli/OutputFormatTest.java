package io.github.optimizationjobtracker.cli;

import static io.github.optimizationjobtracker.cli.Column.Kind.DURATION;
import static io.github.optimizationjobtracker.cli.Column.Kind.LIST;
import static io.github.optimizationjobtracker.cli.Column.Kind.NUMBER;
import static io.github.optimizationjobtracker.cli.Column.Kind.RATIO;
import static io.github.optimizationjobtracker.cli.Column.Kind.TEXT;
import static io.github.optimizationjobtracker.cli.Column.Kind.TIME;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private static final List<Column> COLUMNS = List.of(Column.of("NAME", "name", TEXT).shrinkingLast(),
            Column.of("WHEN", "time", TIME), Column.of("TOOK", "took", DURATION), Column.of("N", "count", NUMBER),
            Column.of("RATE", "rate", RATIO), Column.of("TYPES", "types", LIST),
            Column.of("NOTE", "note", TEXT).shrinking(), Column.of("HIDDEN", "hidden", TEXT).notInTable());

    private static String render(OutputFormat format, TimeStyle times, Tabular.Row... rows) {
        StringWriter out = new StringWriter();
        format.render(new Tabular(COLUMNS, List.of(rows), "nothing"), times, new PrintWriter(out));
        return out.toString();
    }

    private static Tabular.Row row(String name, String note) {
        return Tabular.Row.of(name, Instant.parse("2026-11-30T11:45:00.250Z"), Duration.ofSeconds(5410),
                7, 1.0 / 3, List.of("Quantization", "Compilation"), note, "only in JSON and CSV");
    }

    @Test
    void aTableFitsAHundredColumnsCuttingDetailsBeforeNames() {
        String table = render(OutputFormat.TABLE, TimeStyle.UTC,
                row("llama3-8b-spec-decoding", "x".repeat(80)));

        assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).hasSize(100).startsWith("llama3-8b-spec-decoding ")
                .contains("xxxxxxx…").doesNotContain("HIDDEN", "only in JSON")
                .contains("2026-11-30T11:45:00Z", "1h 30m", "33.3%", "Quantization, Compilation");
    }

    @Test
    void whenDetailsCannotGiveEnoughNamesAreCutToo() {
        String table = render(OutputFormat.TABLE, TimeStyle.UTC, row("n".repeat(90), "short"));

        assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(table).contains("nnnn…");
    }

    @Test
    void aTableLeavesOutColumnsWithNothingInThem() {
        String table = render(OutputFormat.TABLE, TimeStyle.UTC, row("job", null));

        assertThat(table).doesNotContain("NOTE").startsWith("NAME");
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndKeepsEveryColumnExactly() {
        String csv = render(OutputFormat.CSV, new TimeStyle(ZoneId.of("Asia/Kolkata")),
                row("job", "said \"no\", then\nleft"));

        assertThat(csv).isEqualTo("name,time,took,count,rate,types,note,hidden\n"
                + "job,2026-11-30T17:15:00.250+05:30,5410,7,0.3333,Quantization;Compilation,"
                + "\"said \"\"no\"\", then\nleft\",only in JSON and CSV\n");
    }

    @Test
    void jsonHasEveryColumnWithNumbersAsPlainNumbers() {
        String json = render(OutputFormat.JSON, TimeStyle.UTC, row("job", null));

        assertThat(json).isEqualTo("""
                [
                  {
                    "name": "job",
                    "time": "2026-11-30T11:45:00.250Z",
                    "took": 5410,
                    "count": 7,
                    "rate": 0.3333,
                    "types": [
                      "Quantization",
                      "Compilation"
                    ],
                    "note": null,
                    "hidden": "only in JSON and CSV"
                  }
                ]
                """);
    }

    @Test
    void anEmptyResultSaysSoInATableAndIsEmptyElsewhere() {
        assertThat(render(OutputFormat.TABLE, TimeStyle.UTC)).isEqualTo("nothing\n");
        assertThat(render(OutputFormat.JSON, TimeStyle.UTC)).isEqualTo("[ ]\n");
        assertThat(render(OutputFormat.CSV, TimeStyle.UTC)).isEqualTo("name,time,took,count,rate,types,note,hidden\n");
    }

    @Test
    void durationsReadAtAGlance() {
        assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.format(Duration.ofSeconds(299))).isEqualTo("4m 59s");
        assertThat(HumanDuration.format(Duration.ofMinutes(85))).isEqualTo("1h 25m");
        assertThat(HumanDuration.format(Duration.ofHours(51))).isEqualTo("2d 3h");
        assertThat(HumanDuration.format(Duration.ofSeconds(-90))).isEqualTo("-1m 30s");
    }
}
