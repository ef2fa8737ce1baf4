package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The event validator used by the ITs accepts a valid event and rejects broken ones. */
class ContractSchemasTest {
    static final String VALID = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/byon/v0.2/voice/sessions/vs-1\","
            + "\"type\":\"org.byon.voice.v1.session-status\",\"datacontenttype\":\"application/json\","
            + "\"time\":\"2026-11-28T02:28:52.823Z\",\"sequence\":1,"
            + "\"data\":{\"voiceSessionId\":\"vs-1\",\"racmSessionId\":\"racm-1\",\"status\":\"InProgress\"}}";

    @Test
    void validEventPasses() {
        assertThat(ContractSchemas.get().eventErrors(VALID)).isEmpty();
    }

    @Test
    void eventWithoutSpecversionOrWithAnUnknownStatusFails() {
        assertThat(ContractSchemas.get().eventErrors(VALID.replace("\"specversion\":\"1.0\",", "")))
                .isNotEmpty();
        assertThat(ContractSchemas.get().eventErrors(VALID.replace("InProgress", "Dancing")))
                .isNotEmpty();
        assertThat(ContractSchemas.get().eventErrors(VALID.replace("\"sequence\":1", "\"sequence\":0")))
                .isNotEmpty();
        assertThat(ContractSchemas.get().eventErrors(VALID.replace("session-status", "session-dance")))
                .isNotEmpty();
    }
}
