package io.github.optimizationjobtracker.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Skipping the patterns whose mark a text lacks changes nothing: redaction with the quick pass equals redaction
 * that runs every pattern on every text, as it did before the pass learnt which pattern each mark belongs to.
 */
class ShapeMarksTest {
    private static final int TEXTS = Integer.getInteger("redaction.scanTexts", 6_000);

    private static final List<Pattern> PARTS = List.of(SecretRedactor.URL_PASSWORD, SecretRedactor.AUTH_WORD_TOKEN,
            SecretRedactor.NAMED_SECRET_ACCESS_KEY, SecretRedactor.SLACK_WEBHOOK, SecretRedactor.DISCORD_WEBHOOK);

    /** Shapes, their marks cut short, look-alikes and the text around them. */
    private static final String[] PIECES = {
        "AKIAIOSFODNN7EXAMPLE", "AKIA", "ASIA3EXAMPLEKEY4TMPQ", "AIzaSyA0123456789abcdefghijklmnopqrstu", "AIza",
        "hf_AbCdEf0123456789", "hf_", "ghp_0123456789abcdefghij", "github_pat_11ABCDEFG0123456789", "gh",
        "glpat-0123456789abcdefghij", "xoxb-1234567890", "xapp-1-A0123456", "sk-ant-abcdefghijklmnopqrst", "sk-",
        "eyJhbGciOi.eyJzdWIiOi.signature1", "eyJ", "-----BEGIN PRIVATE KEY-----", "abc", "-----END PRIVATE KEY-----",
        "https://", "s3://", "://", "alice:pw@", "@", "example.com/", "hooks.slack.com/", "services/T0/B0/X",
        "discord.com/api/webhooks/", "discordapp", "1/x",
        "https://hooks.slack.com/services/T0/B0/X", "https://discord.com/api/webhooks/1/x", "Bearer ", "BASIC ", "token ", "Token\t",
        "dXNlcjpwYXNzdXNlcjpwYXNzdXNlcjpw", "Secret_Access_Key=", "secretaccesskey: ",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "PASSWORD=", "x", " ", "\n", ":", "=", "\"", "'", ",",
        SecretRedactor.REDACTED, "***", "é"};

    private static String everyPattern(String text) {
        String result = SecretRedactor.SECRET_VALUE.matcher(text).replaceAll(SecretRedactor.REDACTED);
        for (Pattern part : PARTS) {
            result = replaceSecretGroup(result, part);
        }
        return SecretRedactor.redactNamedValues(result);
    }

    private static String replaceSecretGroup(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            if (!SecretRedactor.REDACTED.equals(matcher.group("secret"))) {
                out.append(text, last, matcher.start("secret")).append(SecretRedactor.REDACTED);
                last = matcher.end("secret");
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    @Test
    void skippingPatternsByMarkChangesNoRedaction() {
        Random random = new Random(1201L);
        int redacted = 0;
        int skipped = 0;
        for (int i = 0; i < TEXTS; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String original = text.toString();
            String expected = everyPattern(original);
            assertThat(SecretRedactor.redactText(original)).as(original).isEqualTo(expected);
            redacted += expected.equals(original) ? 0 : 1;
            int marks = SecretRedactor.shapeMarks(original);
            skipped += marks != 0 && Integer.bitCount(marks) < 4 ? 1 : 0;
        }
        assertThat(redacted).as("texts something was redacted in").isGreaterThan(TEXTS / 2);
        assertThat(skipped).as("texts where some pattern was skipped").isGreaterThan(TEXTS / 4);
    }

    @Test
    void eachShapeHasItsOwnMark() {
        assertThat(SecretRedactor.shapeMarks("s3://bucket/key")).isEqualTo(SecretRedactor.URL_MARK);
        assertThat(SecretRedactor.shapeMarks("key AKIAIOSFODNN7EXAMPLE")).isEqualTo(SecretRedactor.VALUE_MARK);
        assertThat(SecretRedactor.shapeMarks("Authorization: Bearer x")).isEqualTo(SecretRedactor.AUTH_WORD_MARK);
        assertThat(SecretRedactor.shapeMarks("aws_SECRET_access_key")).isEqualTo(SecretRedactor.SECRET_WORD_MARK);
        assertThat(SecretRedactor.shapeMarks("sk-x secret https://a token"))
                .isEqualTo(SecretRedactor.VALUE_MARK | SecretRedactor.SECRET_WORD_MARK | SecretRedactor.URL_MARK
                        | SecretRedactor.AUTH_WORD_MARK);
        assertThat(SecretRedactor.shapeMarks(SecretRedactor.REDACTED)).as("a replacement adds no mark").isZero();
    }
}
