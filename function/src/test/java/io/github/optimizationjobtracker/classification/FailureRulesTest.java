package io.github.optimizationjobtracker.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FailureRulesTest {
    /** Every category described, so a test file only needs what it is about. */
    private static final String CATEGORIES = Arrays.stream(FailureCategory.values())
            .map(c -> "category " + c + "\n  hint: general " + c + " on {instanceType}\n  docs: https://docs.example/" + c + "\n")
            .collect(Collectors.joining());

    @Test
    void theFirstMatchingRuleDecidesAndItsHintIsFilledIn() {
        FailureRules rules = FailureRules.parse("test", CATEGORIES + """
                rule oom
                  category: GPU_MEMORY
                  match: out of memory on (?<device>GPU \\d+)
                  hint: {device} of {instanceType} ran out; try {largerInstanceType}
                rule any-error
                  category: CONTAINER_ERROR
                  match: error
                larger ml.g5.12xlarge: ml.g5.48xlarge
                """);

        FailureClassification oom = rules.classify("CUDA error: out of memory on GPU 3", "ml.g5.12xlarge");
        assertThat(oom).isEqualTo(new FailureClassification(FailureCategory.GPU_MEMORY,
                "GPU 3 of ml.g5.12xlarge ran out; try ml.g5.48xlarge", "https://docs.example/GPU_MEMORY", "oom"));
        assertThat(rules.classify("out of memory on GPU 0", "ml.p5.48xlarge").hint())
                .isEqualTo("GPU 0 of ml.p5.48xlarge ran out; try a larger instance type");
        assertThat(rules.classify("OUT OF MEMORY ON gpu 1", null).hint()).as("case-insensitive; no instance type")
                .isEqualTo("gpu 1 of the instance type ran out; try a larger instance type");
        assertThat(rules.classify("some Error", "ml.g5.2xlarge"))
                .isEqualTo(new FailureClassification(FailureCategory.CONTAINER_ERROR,
                        "general CONTAINER_ERROR on ml.g5.2xlarge", "https://docs.example/CONTAINER_ERROR", "any-error"));
    }

    @Test
    void nothingMatchingNoReasonAndABlankReasonAreUnknown() {
        FailureRules rules = FailureRules.parse("test", CATEGORIES + "rule r\n  category: QUOTA\n  match: quota\n");
        for (String reason : new String[] {"the job failed", null, "   "}) {
            assertThat(rules.classify(reason, "ml.g5.2xlarge")).isEqualTo(new FailureClassification(
                    FailureCategory.UNKNOWN, "general UNKNOWN on ml.g5.2xlarge", "https://docs.example/UNKNOWN", null));
        }
    }

    @Test
    void everyMistakeIsReportedWithItsLineAllAtOnce() {
        String text = CATEGORIES.replace("category QUOTA\n  hint: general QUOTA on {instanceType}\n  docs: https://docs.example/QUOTA\n", "")
                + """
                rule bad-pattern
                  category: GPU_MEMORY
                  match: (unclosed
                rule no-category
                  match: x
                rule wrong-category
                  category: OOM
                  match: y
                rule odd-key
                  category: CAPACITY
                  match: z
                  hnit: typo
                rule odd-placeholder
                  category: CAPACITY
                  match: z
                  hint: {gpu} is full
                rule odd-placeholder
                  category: CAPACITY
                  match: w
                  docs: http://insecure.example
                larger g5.12xlarge: bigger
                whatever
                """;
        int base = (int) CATEGORIES.lines().count() - 3;

        assertThatThrownBy(() -> FailureRules.parse("rules.txt", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules.txt line " + (base + 3) + ": the pattern does not compile")
                .hasMessageContaining("rules.txt line " + (base + 4) + ": rule no-category has no category")
                .hasMessageContaining("rules.txt line " + (base + 7) + ": unknown category 'OOM'")
                .hasMessageContaining("rules.txt line " + (base + 12) + ": unknown key 'hnit' in rule odd-key"
                        + " (expected category, docs, hint, match)")
                .hasMessageContaining("the hint uses {gpu}, which is neither")
                .hasMessageContaining("rules.txt line " + (base + 17) + ": rule odd-placeholder is defined twice")
                .hasMessageContaining("docs must be an https:// link")
                .hasMessageContaining("expected 'larger ml.<family>.<size>: <what to use instead>'")
                .hasMessageContaining("expected 'category', 'rule' or 'larger' at the start of a line, got 'whatever'")
                .hasMessageContaining("rules.txt: category QUOTA has no hint and docs");
    }

    @Test
    void aHintTooLongForAnAlertsFirstLineIsRefused() {
        String text = CATEGORIES + "rule long\n  category: QUOTA\n  match: q\n  hint: " + "x".repeat(401) + "\n";
        assertThatThrownBy(() -> FailureRules.parse("t", text)).hasMessageContaining("the hint is 401 characters");
    }

    @Test
    void theShippedRulesLoad() {
        FailureRules rules = FailureRules.load();
        assertThat(rules.ruleCount()).isGreaterThan(10);
        assertThat(rules.classify("CUDA out of memory. Tried to allocate 2.00 GiB", "ml.g5.12xlarge").hint())
                .contains("ml.g5.12xlarge").contains("ml.g5.48xlarge");
    }
}
