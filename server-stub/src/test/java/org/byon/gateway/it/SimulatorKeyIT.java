package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** The simulator, switched on, opens only with its own key: not without, not with a wrong one, not with an API token. */
class SimulatorKeyIT extends GatewayITSupport {

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    @Test
    void everySimulatorPathNeedsTheKey() {
        for (String path : new String[] {"/simulator/v1/calls", "/simulator/v1/push-outbox",
                "/simulator/v1/subscribers/alice/expired-token", "/simulator/v1/faults", "/simulator/v1/nothing"}) {
            assertError(get(path), 401, "UNAUTHENTICATED");
            assertError(get(path, "X-Simulator-Key", SIMULATOR_KEY + "x"), 401, "UNAUTHENTICATED");
            assertError(get(path, "Authorization", "Bearer " + token("alice")), 401, "UNAUTHENTICATED");
        }
        assertThat(get("/simulator/v1/calls", "X-Simulator-Key", SIMULATOR_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/simulator/v1/push-outbox?simulatorKey=" + SIMULATOR_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/simulator/v1/push-outbox?simulatorKey=wrong").statusCode()).isEqualTo(401);
    }
}
