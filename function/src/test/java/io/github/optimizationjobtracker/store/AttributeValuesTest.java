package io.github.optimizationjobtracker.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A SageMaker document of any shape survives the trip into DynamoDB and back, numbers exact, nothing dropped. */
class AttributeValuesTest {
    private static final String DOCUMENT = """
            {"name":"job","count":3,"ratio":0.125,"epoch":1795865412.663,"on":true,"off":false,"none":null,
             "nested":{"list":[1,"two",{"three":3},[4],null,true],"empty":{}},"emptyList":[]}""";

    private static JsonNode document() {
        return Json.parse(DOCUMENT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyJsonTypeBecomesTheMatchingAttributeValue() {
        Map<String, AttributeValue> map = AttributeValues.fromJson(document()).m();

        assertThat(map.get("name").s()).isEqualTo("job");
        assertThat(map.get("count").n()).isEqualTo("3");
        assertThat(map.get("ratio").n()).isEqualTo("0.125");
        assertThat(map.get("epoch").n()).isEqualTo("1795865412.663");
        assertThat(map.get("on").bool()).isTrue();
        assertThat(map.get("off").bool()).isFalse();
        assertThat(map.get("none").nul()).isTrue();
        assertThat(map.get("nested").m().get("list").l()).hasSize(6);
        assertThat(map.get("nested").m().get("list").l().get(2).m().get("three").n()).isEqualTo("3");
        assertThat(map.get("emptyList").l()).isEmpty();
        assertThat(AttributeValues.fromJson(null).nul()).isTrue();
    }

    @Test
    void theRoundTripGivesTheSameDocument() {
        JsonNode back = AttributeValues.toJson(AttributeValues.fromJson(document()));

        // numbers come back exact (as decimals); read as the parser reads them, the documents are equal
        assertThat(back.get("epoch").decimalValue()).isEqualByComparingTo("1795865412.663");
        assertThat(Json.parse(back.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(document());
    }

    @Test
    void aMemberStoredElsewhereIsLeftOutOnce() {
        Map<String, AttributeValue> without = AttributeValues.fromJsonWithout(document(), "nested").m();

        assertThat(without).doesNotContainKey("nested").containsKeys("name", "count", "none");
        assertThat(AttributeValues.fromJsonWithout(document(), "absent").m()).containsKey("nested");
    }

    @Test
    void aStringSetReadsAsAnArrayAndStringsAreReadSafely() {
        assertThat(AttributeValues.toJson(AttributeValue.fromSs(List.of("a", "b"))).toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(AttributeValues.toJson(AttributeValue.fromNul(true)).isNull()).isTrue();
        assertThat(AttributeValues.string(Map.of("k", AttributeValue.fromS("v")), "k")).isEqualTo("v");
        assertThat(AttributeValues.string(Map.of(), "k")).isNull();
        assertThat(AttributeValues.string(null, "k")).isNull();
    }
}
