package io.github.optimizationjobtracker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size estimate that keeps items under DynamoDB's limit: never below what DynamoDB counts (UTF-8 names and
 * values, numbers about a byte per two digits, a few bytes per map or list entry).
 */
class ItemSizeTest {

    @Test
    void shortTextCountsThreeBytesACharacterAndLongTextItsExactUtf8Length() {
        assertThat(ItemSize.of(AttributeValue.fromS("abc"))).as("at most 3 bytes each").isEqualTo(9);
        assertThat(ItemSize.of(AttributeValue.fromS("a".repeat(1023)))).isEqualTo(3069);
        assertThat(ItemSize.of(AttributeValue.fromS("a".repeat(1024)))).as("long: measured").isEqualTo(1024);
        assertThat(ItemSize.of(AttributeValue.fromS("é".repeat(1024)))).isEqualTo(2048);
    }

    @Test
    void numbersMapsListsSetsAndTheRest() {
        assertThat(ItemSize.of(AttributeValue.fromN("1234567"))).isEqualTo(7 / 2 + 2);
        assertThat(ItemSize.of(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))))).isEqualTo(3 + 3 + 3 + 1);
        assertThat(ItemSize.of(AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1")))))
                .isEqualTo(3 + (3 + 1) + (2 + 1));
        assertThat(ItemSize.of(AttributeValue.fromSs(List.of("ab", "c")))).isEqualTo(6 + 3);
        assertThat(ItemSize.of(AttributeValue.fromBool(true))).isEqualTo(1);
    }

    @Test
    void anItemIsItsNamesAndValues() {
        assertThat(ItemSize.of(Map.of("JobName", AttributeValue.fromS("j"), "N", AttributeValue.fromN("10"))))
                .isEqualTo((21 + 3) + (3 + 1 + 2));
    }
}
