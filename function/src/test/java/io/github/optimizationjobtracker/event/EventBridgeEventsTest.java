package io.github.optimizationjobtracker.event;

import io.github.optimizationjobtracker.event.EventBridgeEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Input that is not an EventBridge event gets one clear line saying why. */
class EventBridgeEventsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void invalidJsonIsNamedByTheParsersFirstLine() {
        assertThatThrownBy(() -> EventBridgeEvents.tree(bytes("{\"id\": ")))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n")
                        .contains("end-of-input"));
    }

    @Test
    void emptyInputAndJsonThatIsNotAnObjectAreNotEvents() {
        assertThatThrownBy(() -> EventBridgeEvents.read(bytes("")))
                .hasMessage("No content to map due to end-of-input");
        assertThatThrownBy(() -> EventBridgeEvents.read(bytes("[1, 2]")))
                .hasMessage("expected a JSON object, got ARRAY");
        assertThatThrownBy(() -> EventBridgeEvents.read(bytes("\"text\"")))
                .hasMessage("expected a JSON object, got STRING");
    }

    @Test
    void aTimeThatIsNotAnInstantIsNamed() {
        assertThatThrownBy(() -> EventBridgeEvents.read(bytes("{\"id\": \"e\", \"time\": \"noon\"}")))
                .hasMessage("time 'noon' is not an ISO-8601 instant");
    }
}
