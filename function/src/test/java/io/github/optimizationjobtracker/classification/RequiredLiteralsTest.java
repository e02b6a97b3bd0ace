package io.github.optimizationjobtracker.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick test before a rule's pattern runs may say "maybe" too often, never "no" to a text the pattern matches:
 * otherwise a rule would be skipped and a failure called something it is not.
 */
class RequiredLiteralsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "AccessDenied|Access Denied|\\(403\\) when calling; accessdenied|access denied|(403) when calling",
        "\\bThrottl(ing|ed)(Exception)?\\b|\\bRate exceeded\\b; throttl|rate exceeded",
        "Service ?Quotas to request; quotas to request",
        "KMS\\.?(AccessDenied|Disabled); kms",
        "cudaMalloc\\w*\\(.{0,80}\\): out of memory; ): out of memory",
        "exit(ed)? (with )?code|Exit Code; exit|exit code",
        "max_model_len \\(\\d+\\) is greater than; ) is greater than",
        "nrt_\\w+ status=4|Allocation Failure; ' status=4'|allocation failure",
        "Worker died+; worker died",
        "a\\.{2}bcd|xyz; bcd|xyz",
        "(?<name>abc)def|ghij; def|ghij",
        "\\b\\w+LimitExceeded\\b|exceeded a limit; limitexceeded|exceeded a limit",
        "(HBM|device memory) usage.{0,40} exceeds; ' exceeds'",
        "\\b50[0234] Server Error|Gateway Time-?out; ' server error'|gateway time",
        "abc[d[e](|]x|yzw; abc|yzw",
        "[]|]abcd|e[^]|]fgh; abcd|fgh",
        "ab+cd*efg{0,2}hij{2}klm; hij",
        "ab+cd*ef; hi",
        "{2}abcd; hi",
        "ab+?cdefg*+hij; cdef"})
    void readsALiteralEachAlternativeHolds(String regex, String expected) {
        RequiredLiterals literals = RequiredLiterals.of(regex);
        if (expected.equals("hi")) {
            assertThat(literals).as("no run of three in a row").isNull();
        } else {
            assertThat(literals).isNotNull();
            assertThat(String.join("|", literals.literals())).isEqualTo(expected.replace("'", ""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "(?x)a b c d",                                      // inline flags: comments change what a space means
        "abcd(?-i)|efgh",
        "(?<=abc)def",                                      // lookaround
        "\\Qa|b\\E|cdef",                                   // quoting
        "\\x41BCD", "\\p{L}abcd", "(a)\\1bcd",                  // escapes whose argument is no literal
        "^\\s*(InternalError|ServerError)",                  // no literal outside the group
        "abcdef|",                                          // an empty alternative matches everywhere
        "ab"})
    void givesUpWhereItCannotBeSure(String regex) {
        assertThat(RequiredLiterals.of(regex)).isNull();
    }

    @Test
    void foldsAsciiCaseOnlyAsThePatternsDo() {
        assertThat(RequiredLiterals.asciiLowerCase("CUDA Out Of MEMORY")).isEqualTo("cuda out of memory");
        // the JDK's lower-casing turns "İ" into two characters and "É" into "é"; the patterns fold neither
        assertThat(RequiredLiterals.asciiLowerCase("İÉ")).isEqualTo("İÉ");
        Pattern pattern = Pattern.compile("Érreur fatale", Pattern.CASE_INSENSITIVE);
        RequiredLiterals literals = RequiredLiterals.of("Érreur fatale");
        for (String text : new String[] {"Érreur FATALE", "érreur fatale"}) {
            assertThat(literals.mayMatch(RequiredLiterals.asciiLowerCase(text))).as(text)
                    .isEqualTo(pattern.matcher(text).find());
        }
    }

    @Test
    void aCharacterOutsideTheBmpIsNeverHalfRequired() {
        RequiredLiterals literals = RequiredLiterals.of("fail\uD83D\uDE00?ed");
        assertThat(literals).isNotNull();
        assertThat(literals.mayMatch("failed")).isTrue();
        assertThat(Pattern.compile("fail\uD83D\uDE00?ed").matcher("failed").find()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"failure-corpus.tsv", "failure-heldout.tsv", "failure-blind.tsv"})
    void everyShippedPatternThatMatchesACorpusMessageIsTried(String resource) throws IOException {
        FailureRules rules = FailureRules.load();
        int matches = 0;
        for (FailureCorpusTest.Example example : FailureCorpusTest.corpus(resource)) {
            String lowerCase = RequiredLiterals.asciiLowerCase(example.message());
            for (String regex : shippedPatterns()) {
                if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(example.message()).find()) {
                    matches++;
                    RequiredLiterals literals = RequiredLiterals.of(regex);
                    assertThat(literals == null || literals.mayMatch(lowerCase))
                            .as("%s on %s", regex, example.message()).isTrue();
                }
            }
        }
        assertThat(matches).isGreaterThan(40);
        assertThat(rules.ruleCount()).isPositive();
    }

    @Test
    void theShippedPatternsMostlyHaveLiterals() throws IOException {
        List<String> patterns = shippedPatterns();
        long withLiterals = patterns.stream().filter(regex -> RequiredLiterals.of(regex) != null).count();
        assertThat(withLiterals).as("of %d patterns", patterns.size()).isGreaterThan(patterns.size() * 3L / 4);
    }

    /** Random patterns and random texts over one small alphabet: a pattern that finds a match is never skipped. */
    @Test
    void neverSkipsAPatternThatMatches() {
        Random random = new Random(20261201L);
        int checked = 0;
        int matched = 0;
        for (int i = 0; i < 30_000; i++) {
            String regex = randomPattern(random);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException invalid) {
                continue;
            }
            RequiredLiterals literals = RequiredLiterals.of(regex);
            if (literals == null) {
                continue;
            }
            checked++;
            for (int t = 0; t < 20; t++) {
                String text = randomText(random, regex);
                if (pattern.matcher(text).find()) {
                    matched++;
                    assertThat(literals.mayMatch(RequiredLiterals.asciiLowerCase(text)))
                            .as("%s on %s (literals %s)", regex, text, literals.literals()).isTrue();
                }
            }
        }
        assertThat(checked).isGreaterThan(2_000);
        assertThat(matched).isGreaterThan(5_000);
    }

    private static final String[] PATTERN_PIECES = {"a", "B", "c", "ab", "Abc", "bca", " ", "-", ":", ".", "?", "*",
        "+", "{1,2}", "{0,1}", "{2}", "+?", "*+", "|", "(", ")", "(?:", "\\b", "\\.", "\\(", "\\)", "\\w", "\\s",
        "\\d", "\\t", "\\x41", "\\1", "[ab]", "[^a]", "[]|]", "[a[(b]]", "]", "}", "é", "É", "\uD83D\uDE00"};

    private static String randomPattern(Random random) {
        StringBuilder regex = new StringBuilder();
        int pieces = 1 + random.nextInt(10);
        for (int i = 0; i < pieces; i++) {
            regex.append(PATTERN_PIECES[random.nextInt(PATTERN_PIECES.length)]);
        }
        return regex.toString();
    }

    /** Text made of pieces of the pattern (cut at its operators, some shortened), re-cased at random, and noise. */
    private static String randomText(Random random, String regex) {
        String[] pieces = regex.split("\\\\[a-z]|[\\\\?*+(){}|.:]|\\{1,2}");
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String piece = random.nextInt(4) == 0 || pieces.length == 0 ? "aAbBcC .:-()éÉ1".substring(random.nextInt(15))
                    : pieces[random.nextInt(pieces.length)];
            if (random.nextInt(3) == 0 && !piece.isEmpty()) {
                piece = piece.substring(0, random.nextInt(piece.length()));
            }
            for (char c : piece.toCharArray()) {
                text.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
        }
        return text.toString();
    }

    private static List<String> shippedPatterns() throws IOException {
        List<String> patterns = new ArrayList<>();
        try (InputStream in = FailureRules.class.getClassLoader().getResourceAsStream(FailureRules.RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String stripped = line.strip();
                if (stripped.startsWith("match:")) {
                    patterns.add(stripped.substring("match:".length()).strip());
                }
            }
        }
        return patterns;
    }
}
