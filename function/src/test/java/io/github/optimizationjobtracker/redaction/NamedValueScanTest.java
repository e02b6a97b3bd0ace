package io.github.optimizationjobtracker.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written name/value scan finds exactly what the pattern it replaced found: the same pairs, in the same
 * order, so the same values are redacted. The pattern is kept here as the reference.
 */
class NamedValueScanTest {
    /** Random texts per test; {@code -Dredaction.scanTexts=200000} for a deeper look than the suite can afford. */
    private static final int TEXTS = Integer.getInteger("redaction.scanTexts", 6_000);
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,100})[\"']?\\s*[:=]\\s*|--(?<flag>[A-Za-z][A-Za-z0-9_-]{0,100})[ \\t]+");

    /** Pieces texts are made of: separators, quotes, every whitespace the pattern knows, names, flags, edges. */
    private static final String[] PIECES = {
        "a", "Z", "_", ".", "-", "--", "---", "0", "9", ":", "=", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0",
        "\"", "'", ",", "}", ")", "]", "é", "TOKEN", "token", "API_KEY", "DB_PASS", "pass", "--password", "--token",
        "HF_TOKEN", "arn:aws:sagemaker:us-east-1:123456789012:", "://", "@", "secret", "x".repeat(99),
        "y".repeat(100), "z".repeat(101), "w".repeat(102), "-".repeat(30), "a-".repeat(52), "***REDACTED***"};

    /** Every match as (name start, name end, is flag, value start), from a given position on, as the loop reads. */
    private static List<String> referenceMatches(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        int from = 0;
        while (from <= text.length() && matcher.find(from)) {
            boolean flag = matcher.group("flag") != null;
            String group = flag ? "flag" : "name";
            found.add(matcher.start(group) + ":" + matcher.end(group) + ":" + flag + ":" + matcher.end());
            from = matcher.end() == matcher.start() ? matcher.end() + 1 : matcher.end();
        }
        return found;
    }

    private static List<String> scannedMatches(String text) {
        List<String> found = new ArrayList<>();
        int from = 0;
        SecretRedactor.NamedValue pair;
        while (from <= text.length() && (pair = SecretRedactor.NamedValue.next(text, from)) != null) {
            found.add(pair.nameStart() + ":" + pair.nameEnd() + ":" + pair.flag() + ":" + pair.valueStart());
            from = pair.valueStart();
        }
        return found;
    }

    /** The redaction loop of before, on the reference pattern. */
    private static String referenceRedaction(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        int from = 0;
        while (matcher.find(from)) {
            int valueStart = matcher.end();
            String name = matcher.group("name") != null ? matcher.group("name") : matcher.group("flag");
            boolean nextIsFlag = matcher.group("flag") != null && text.startsWith("-", valueStart);
            if (valueStart >= text.length() || nextIsFlag || !SecretRedactor.isCredentialName(name, false)) {
                from = matcher.end();
                continue;
            }
            int valueEnd = SecretRedactor.valueEnd(text, valueStart);
            char first = text.charAt(valueStart);
            boolean quoted = first == '"' || first == '\'';
            int secretStart = quoted ? valueStart + 1 : valueStart;
            int secretEnd = quoted && valueEnd > secretStart && text.charAt(valueEnd - 1) == first
                    ? valueEnd - 1 : valueEnd;
            if (secretEnd > secretStart && !text.startsWith(SecretRedactor.REDACTED, secretStart)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, secretStart).append(SecretRedactor.REDACTED);
                last = secretEnd;
            }
            from = Math.max(valueEnd, valueStart + 1);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(24);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    @Test
    void theScanFindsWhatThePatternFound() {
        Random random = new Random(20261201L);
        int withMatches = 0;
        for (int i = 0; i < TEXTS; i++) {
            String text = randomText(random);
            List<String> expected = referenceMatches(text);
            assertThat(scannedMatches(text)).as("pairs in %s", text.replace("\n", "\\n")).isEqualTo(expected);
            if (!expected.isEmpty()) {
                withMatches++;
            }
        }
        assertThat(withMatches).as("texts with at least one pair").isGreaterThan(TEXTS / 2);
    }

    @Test
    void theEdgesOfANameAndAFlag() {
        String longest = "a".repeat(101);
        assertThat(scannedMatches(longest + "=1")).containsExactly("0:101:false:102");
        // one character more: the name starts one character later, as the pattern's did
        assertThat(scannedMatches("b" + longest + "=1")).containsExactly("1:102:false:103");
        assertThat(scannedMatches("--" + longest + " v")).containsExactly("2:103:true:104");
        assertThat(scannedMatches("--" + longest + "b v")).isEmpty();
        assertThat(scannedMatches("\"TOKEN\" \t: \"v\"")).containsExactly("1:6:false:11");
        assertThat(scannedMatches("a--b=1 --c\t2")).containsExactly("0:4:false:5", "9:10:true:11");
        assertThat(scannedMatches("key\u00A0=1")).as("a no-break space is not the pattern's whitespace").isEmpty();
        for (String text : new String[] {longest + "=1", "b" + longest + "=1", "--" + longest + " v",
                "\"TOKEN\" \t: \"v\"", "a--b=1 --c\t2"}) {
            assertThat(scannedMatches(text)).as(text).isEqualTo(referenceMatches(text));
        }
    }

    @Test
    void redactionIsUnchanged() {
        Random random = new Random(7L);
        int changed = 0;
        for (int i = 0; i < TEXTS; i++) {
            String text = randomText(random);
            String expected = referenceRedaction(text);
            assertThat(SecretRedactor.redactNamedValues(text)).as(text.replace("\n", "\\n")).isEqualTo(expected);
            if (!expected.equals(text)) {
                changed++;
            }
        }
        assertThat(changed).as("texts with a redacted value").isGreaterThan(TEXTS / 10);
    }
}
