package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.byon.gateway.it.client.model.WebSocketNotificationChannel;
import org.junit.jupiter.api.Test;

/**
 * A client that deletes its channel as soon as its WebSocket is open races the gateway attaching the
 * connection (the client sees the 101 before the server-side session is attached). Every time, the
 * connection must get {@code channel-ends} as its last frame and then the close 1000. Likewise a second
 * connection opened right after the first one must take over, whichever of the two attaches first.
 */
class WebSocketDeleteRaceIT extends GatewayITSupport {

    @Test
    void deleteRightAfterTheSocketOpensAlwaysDeliversChannelEndsThenClose1000() throws Exception {
        for (int i = 0; i < 150; i++) {
            WebSocketNotificationChannel ch = createWsChannel("alice");
            WsEvents ws = WsEvents.connect(ch.getChannelData().getChannelURL().toString());
            channels("alice").deleteNotificationChannel(ch.getChannelId(), null);
            int round = i;
            assertThat(ws.awaitClose()).as("close code, round %d", round).isEqualTo(1000);
            List<JsonNode> events = ws.events;
            assertThat(events).as("frames, round %d", round).isNotEmpty();
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.path("type").asText()).as("last frame, round %d", round).isEqualTo("org.byon.channel.v1.channel-ends");
            assertThat(last.path("data").path("terminationReason").asText()).isEqualTo("DELETED");
            ws.assertValid();
        }
    }

    @Test
    void aSecondConnectionRightAfterTheFirstOpensAlwaysTakesOver() throws Exception {
        for (int i = 0; i < 100; i++) {
            WebSocketNotificationChannel ch = createWsChannel("alice");
            String url = ch.getChannelData().getChannelURL().toString();
            WsEvents first = WsEvents.connect(url);
            WsEvents second = WsEvents.connect(url);
            assertThat(first.awaitClose()).as("first connection's close code, round %d", i).isEqualTo(4409);
            channels("alice").deleteNotificationChannel(ch.getChannelId(), null);
            assertThat(second.awaitClose()).as("second connection's close code, round %d", i).isEqualTo(1000);
        }
    }
}
