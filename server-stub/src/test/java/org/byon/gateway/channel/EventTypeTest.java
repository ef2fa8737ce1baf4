package org.byon.gateway.channel;

import java.util.Arrays;
import java.util.List;

import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The domain's event types and byon.yaml's are the same set; the wire strings are the contract's. */
class EventTypeTest {

    @Test
    void everyContractTypeHasExactlyOneConstantAndViceVersa() {
        List<String> contract = ByonContract.load().eventTypes().stream().map(EventSpec::type).toList();
        assertThat(Arrays.stream(EventType.values()).map(EventType::type).toList())
                .containsExactlyInAnyOrderElementsOf(contract);
    }

    @Test
    void aConstantTheContractLacksIsRefused() {
        List<EventSpec> types = List.of(new EventSpec("org.byon.voice.v1.session-status", "A", "B"));
        assertThat(EventType.wireType("SESSION_STATUS", types)).isEqualTo("org.byon.voice.v1.session-status");
        assertThatThrownBy(() -> EventType.wireType("CHANNEL_ENDS", types))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(".channel-ends");
    }
}
