package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintoutTest {
    private final Printout fitted = new Printout(false);

    @Test
    void aLongTextValueIsCutInsideTheLineWithAMarkerThatCountsWhatWasLeftOut() {
        JsonNode json = Json.parse(("{\"a\":{\"b\":[\"" + "y ".repeat(200) + "\", 3]},\"reason\":\"" + "z ".repeat(150)
                + "\",\"c\":\"short\"}").getBytes(StandardCharsets.UTF_8));

        String printed = fitted.json(json);

        assertThat(printed.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Printout.LINE_WIDTH));
        assertThat(printed).containsPattern("\"reason\" : \"[z ]+… \\[\\+\\d+ characters, --full shows all]\",\n")
                .contains("\"c\" : \"short\"").contains("3");
        String reasonLine = printed.lines().filter(l -> l.contains("reason")).findFirst().orElseThrow();
        int kept = reasonLine.substring(reasonLine.indexOf(": \"") + 3, reasonLine.indexOf("… [+")).length();
        assertThat(reasonLine).contains("[+" + (300 - kept) + " characters");
        assertThat(new Printout(true).json(json)).isEqualTo(Items.pretty(json));
    }

    @Test
    void linksAndArnsAreNeverCut() {
        String line = "  \"consoleUrl\" : \"https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1"
                + "#/optimization-jobs/llama3-8b-spec-decoding\",";

        assertThat(Printout.fitLine(line)).isEqualTo(line);
    }

    @Test
    void aCutLeavesNoHalfEscapeNorHalfSurrogatePair() {
        for (int shift = 0; shift < 8; shift++) {
            String value = "a".repeat(shift) + "\\n\\\"\\u00e9😀".repeat(30);
            String line = "  \"k\" : \"" + value + "\",";

            String cut = Printout.fitLine(line);

            String kept = cut.substring("  \"k\" : \"".length(), cut.indexOf("… [+"));
            assertThat(kept).as("shift %d", shift).doesNotEndWith("\\").doesNotMatch(".*\\\\u[0-9a-f]{0,3}$");
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
            assertThat(value).startsWith(kept);
            assertThat(cut).endsWith(" characters, --full shows all]\",");
            int left = Integer.parseInt(cut.replaceAll(".*\\[\\+(\\d+) .*", "$1"));
            assertThat(kept.length() + left).isEqualTo(value.length());
        }
    }

    @Test
    void longLinesWrapAtASpaceKeepingTheirIndentation() {
        String line = "    " + "word ".repeat(40).strip();

        String wrapped = fitted.wrapped(line + "\n    short");

        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Printout.LINE_WIDTH));
        assertThat(wrapped.lines().toList()).last().isEqualTo("    short");
        assertThat(wrapped.lines().skip(1).findFirst().orElseThrow()).startsWith("      word");
        assertThat(wrapped.replaceAll("\\s+", " ").strip()).isEqualTo((line + " short").replaceAll("\\s+", " ").strip());
        String link = "    Console: https://example.com/" + "x".repeat(120) + " then more words";
        assertThat(fitted.wrapped(link).lines().toList()).containsExactly("    Console:",
                "      https://example.com/" + "x".repeat(120), "      then more words");
        assertThat(new Printout(true).wrapped(line)).isEqualTo(line);
    }
}
