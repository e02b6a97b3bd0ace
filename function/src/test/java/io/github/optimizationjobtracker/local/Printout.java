package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How the local run prints what it found: by default fitted to a terminal (long texts cut with a marker that says
 * how much was left out, long lines wrapped, links and ARNs left whole); with {@code --full}, exactly as stored and
 * delivered.
 */
final class Printout {
    /** Lines are kept within a 100-column terminal, with the indentation the printout adds. */
    static final int LINE_WIDTH = 96;
    private static final java.util.regex.Pattern STRING_LINE =
            java.util.regex.Pattern.compile("^(\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\" : )?\")(.*)(\",?)$");

    /** Arrays one element per line too, so that each long text is on a line of its own. */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter ONE_VALUE_PER_LINE =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private final boolean full;

    Printout(boolean full) {
        this.full = full;
    }

    boolean full() {
        return full;
    }

    /**
     * The JSON, pretty-printed; by default a line whose text value does not fit is cut inside the value with a marker
     * saying how much was left out (a failure reason's first words say what happened; the e-mail text shows it all).
     */
    String json(JsonNode json) {
        if (full) {
            return Items.pretty(json);
        }
        String pretty;
        try {
            pretty = io.github.optimizationjobtracker.json.Json.MAPPER.writer(ONE_VALUE_PER_LINE).writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return pretty.lines().map(Printout::fitLine).collect(java.util.stream.Collectors.joining("\n"));
    }

    static String fitLine(String line) {
        java.util.regex.Matcher match = STRING_LINE.matcher(line);
        if (line.length() <= LINE_WIDTH || !match.matches() || !match.group(2).matches(".*(\\s|\\\\n).*")) {
            return line; // an ARN or a link is copied whole, however long
        }
        String value = match.group(2);
        String marker = "… [+" + value.length() + " characters, --full shows all]";
        int keep = Math.max(0, LINE_WIDTH - match.group(1).length() - match.group(3).length() - marker.length());
        int end = safeCut(value, keep);
        return match.group(1) + value.substring(0, end) + marker.replace("+" + value.length(), "+" + (value.length() - end))
                + match.group(3);
    }

    /** A cut that leaves neither half of an escape (\n, \", \u00e9) nor half of a surrogate pair. */
    private static int safeCut(String value, int end) {
        int backslashes = 0;
        for (int i = end - 1; i >= 0 && value.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            end--;
        }
        int escape = value.lastIndexOf("\\u", end - 1);
        if (escape >= 0 && escape + 6 > end && (escape == 0 || value.charAt(escape - 1) != '\\')) {
            end = escape;
        }
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Plain text with every line longer than the terminal wrapped at a space; a word longer than a line stays whole. */
    String wrapped(String text) {
        if (full) {
            return text;
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String indent = line.substring(0, line.length() - line.stripLeading().length()) + "  ";
            String rest = line;
            while (rest.length() > LINE_WIDTH) {
                int at = rest.lastIndexOf(' ', LINE_WIDTH);
                if (at <= indent.length()) {
                    at = rest.indexOf(' ', LINE_WIDTH); // a link is copied whole: the terminal may wrap it
                    if (at < 0) {
                        break;
                    }
                }
                lines.add(rest.substring(0, at).stripTrailing());
                rest = indent + rest.substring(at).stripLeading();
            }
            lines.add(rest);
        }
        return String.join("\n", lines);
    }
}
