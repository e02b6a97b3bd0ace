package io.github.optimizationjobtracker.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EventBridgeEvents must read events exactly as the Lambda Java runtime's serializer (aws-lambda-java-serialization)
 * does; the runtime library is the reference here and in no other place.
 */
class EventBridgeEventsConformanceTest {

    static Stream<String> everySampleEvent() throws IOException {
        try (Stream<Path> top = Files.list(SampleEvents.EVENTS); Stream<Path> invalid = Files.list(SampleEvents.EVENTS.resolve("invalid"))) {
            return Stream.concat(top, invalid).filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("malformed.json"))
                    .filter(p -> !p.getFileName().toString().equals("sam-env.json"))
                    .map(p -> SampleEvents.EVENTS.relativize(p).toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySampleEvent")
    void readsEverySampleEventAsTheRuntimeDoes(String file) {
        assertSameAsRuntime(SampleEvents.bytes(file));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"id\":\"1\",\"detail-type\":\"x\",\"detail\":{\"int\":1,\"long\":12345678901,\"big\":123456789012345678901234567890,"
                    + "\"float\":1.5,\"exp\":1.7e9,\"neg\":-3,\"bool\":true,\"null\":null,\"nested\":{\"list\":[1,\"a\",[true],{\"k\":null}]}}}",
            "{\"id\":\"2\",\"time\":\"2026-11-29T10:15:30.123Z\",\"resources\":[],\"detail\":{}}",
            "{\"id\":\"3\",\"time\":\"2026-11-29T10:15:30Z\",\"resources\":[\"a\",null],\"account\":\"1\",\"region\":\"r\",\"version\":\"0\"}",
            "{\"id\":\"4\",\"unknown-field\":{\"ignored\":true},\"source\":\"s\"}",
            "{}",
            "{\"id\":null,\"detail\":null,\"resources\":null}",
    })
    void readsEdgeCasesAsTheRuntimeDoes(String json) {
        assertSameAsRuntime(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":", "not json", "", "{\"time\":\"yesterday\"}"})
    void rejectsWhatTheRuntimeRejects(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SampleEvents.read(bytes)).as("the runtime rejects it").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> EventBridgeEvents.read(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    private static void assertSameAsRuntime(byte[] json) {
        ScheduledEvent expected = SampleEvents.read(json);
        EventBridgeEvent actual = EventBridgeEvents.read(json);

        assertThat(actual.id()).isEqualTo(expected.getId());
        assertThat(actual.version()).isEqualTo(expected.getVersion());
        assertThat(actual.detailType()).isEqualTo(expected.getDetailType());
        assertThat(actual.source()).isEqualTo(expected.getSource());
        assertThat(actual.account()).isEqualTo(expected.getAccount());
        assertThat(actual.region()).isEqualTo(expected.getRegion());
        assertThat(actual.resources()).isEqualTo(expected.getResources());
        assertThat(plain(actual.detail())).as("the detail, read as the runtime's untyped map")
                .isEqualTo(expected.getDetail() == null ? Map.of() : expected.getDetail());
        if (expected.getTime() == null) {
            assertThat(actual.time()).isNull();
        } else {
            assertThat(actual.time().toEpochMilli()).isEqualTo(expected.getTime().getMillis());
            assertThat(expected.getTime().getZone()).isEqualTo(DateTimeZone.UTC);
        }
        assertThat(EventBridgeEvent.of(expected)).as("the runtime's type converts to the same event")
                .usingRecursiveComparison().ignoringFields("detail").isEqualTo(actual);
    }

    /** Maps, lists and scalars, with the number types Jackson gives an untyped {@code Map<String, Object>}. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }
}
