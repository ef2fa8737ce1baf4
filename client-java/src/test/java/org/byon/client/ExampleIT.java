package org.byon.client;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.byon.client.example.CallExample;
import org.junit.jupiter.api.Test;

/** The README's runnable example keeps working against the reference gateway: it throws on any step that fails. */
class ExampleIT {

    @Test
    void theCallExampleRunsToTheEnd() throws Exception {
        Gateway gateway = Gateway.shared();
        assertThatCode(() -> CallExample.main(new String[] {gateway.apiRoot})).doesNotThrowAnyException();
    }
}
