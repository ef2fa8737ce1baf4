package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.byon.gateway.it.client.model.CreateRacmSession;
import org.byon.gateway.it.client.model.RacmSession;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.byon.gateway.it.client.model.WebSocketNotificationChannel;
import org.junit.jupiter.api.Test;

/** Each documented fault breaks exactly what docs/gateway.md says (switched at run time, reset after each test). */
class FaultsIT extends GatewayITSupport {

    void faults(String... names) {
        StringBuilder b = new StringBuilder("{\"faults\":[");
        for (int i = 0; i < names.length; i++) {
            b.append(i > 0 ? "," : "").append('"').append(names[i]).append('"');
        }
        HttpResponse<String> r = http("PUT", "/simulator/v1/faults", null, b.append("]}").toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    String channelJson() {
        return "{\"channelType\":\"WebSocket\"}";
    }

    @Test
    void faultsAreListedAndUnknownNamesRefused() {
        faults("no-location-header");
        assertThat(json(http("GET", "/simulator/v1/faults", null, null).body()).path("faults").toString())
                .contains("no-location-header");
        assertError(http("PUT", "/simulator/v1/faults", null, "{\"faults\":[\"no-such-fault\"]}"), 400,
                "INVALID_ARGUMENT");
    }

    @Test
    void httpFaults() {
        String t = token("alice");
        faults("no-correlator-echo");
        assertThat(http("GET", "/byon/v0.2/channels", t, null, "x-correlator", "c-1").headers().firstValue("x-correlator"))
                .isEmpty();
        faults("create-returns-200", "no-location-header");
        HttpResponse<String> created = http("POST", "/byon/v0.2/channels", t, channelJson());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Location")).isEmpty();
        String id = json(created.body()).path("channelId").asText();
        faults("delete-returns-200");
        HttpResponse<String> deleted = http("DELETE", "/byon/v0.2/channels/" + id, t, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isNotEmpty();
        faults("double-delete-204");
        assertThat(http("DELETE", "/byon/v0.2/channels/" + id, t, null).statusCode()).isEqualTo(204);
        faults("wrong-error-code");
        HttpResponse<String> missing = http("GET", "/byon/v0.2/channels/" + id, t, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).path("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");
        faults("validation-500");
        assertThat(http("POST", "/byon/v0.2/racm/sessions", t, "{}").statusCode()).isEqualTo(500);
    }

    @Test
    void schemaBolaSpoofingUnsignedTokenAndLaxStateMachine() throws Exception {
        Endpoint alice = register("alice");
        faults("schema-break-racm");
        HttpResponse<String> r = http("GET", "/byon/v0.2/racm/sessions/" + alice.racmSessionId(), token("alice"), null);
        assertThat(ContractSchemas.get().errors("RacmSession", r.body())).isNotEmpty();
        faults("bola-leak");
        assertThat(http("GET", "/byon/v0.2/channels/" + alice.channelId(), token("bob"), null).statusCode())
                .isEqualTo(200);
        faults("spoofing-allowed");
        String spoofed = voice("alice").createVoiceSession(callTo(alice, "+447700900102")
                .originatorAddress("tel:+447700900002"), null).getVoiceSessionId();
        faults("state-machine-lax");
        assertThat(voice("alice").updateVoiceSessionStatus(spoofed, new VoiceSessionStatusChange()
                .status(VoiceSessionStatusRequest.CONNECTED).answer(new SdpDescriptor().sdp(ANSWER)), null)
                .getStatus().getValue()).isEqualTo("Connected");
        faults("accept-unsigned-token");
        String[] parts = token("alice").split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        assertThat(http("GET", "/byon/v0.2/channels", unsigned, null).statusCode()).isEqualTo(200);
    }

    @Test
    void eventFaults() throws Exception {
        faults("event-sequence-gap");
        Endpoint a = register("alice");
        String out = voice("alice").createVoiceSession(callTo(a, "+447700900101"), null).getVoiceSessionId();
        a.ws().awaitStatuses(out, "Busy/BUSY");
        assertThat(a.ws().sequences()).containsExactly(1L, 3L);

        faults("event-missing-ringing");
        String answered = voice("alice").createVoiceSession(callTo(a, "+447700900100"), null).getVoiceSessionId();
        assertThat(a.ws().awaitStatuses(answered, "Connected")).containsExactly("InProgress", "Connected");

        faults("event-wrong-order");
        String wrong = voice("alice").createVoiceSession(callTo(a, "+447700900100"), null).getVoiceSessionId();
        a.ws().await(e -> e.path("data").path("voiceSessionId").asText().equals(wrong)
                && e.path("data").path("status").asText().equals("Ringing"));
        assertThat(a.ws().statuses(wrong)).containsExactly("InProgress", "Connected", "Ringing");

        faults("invalid-cloudevent");
        voice("alice").deleteVoiceSession(wrong, null);
        JsonNode broken = a.ws().await(e -> e.path("data").path("voiceSessionId").asText().equals(wrong)
                && e.path("data").path("status").asText().equals("Terminated"));
        assertThat(broken.has("specversion")).isFalse();

        faults("registration-ends-missing");
        voice("alice").deleteVoiceSession(answered, null);
        racm("alice").deleteRacmSession(a.racmSessionId(), null);
        Thread.sleep(200);
        assertThat(a.ws().events).noneMatch(e -> e.path("type").asText().endsWith("registration-ends"));
    }

    @Test
    void forkingBusyAndReplayFaults() throws Exception {
        smartphone("bob", "OFF");
        Endpoint a = register("alice");
        Endpoint b1 = register("bob");
        Endpoint b2 = register("bob");
        faults("no-answered-elsewhere", "busy-not-detected");
        String out = voice("alice").createVoiceSession(callTo(a, NUMBERS.get("bob")), null).getVoiceSessionId();
        String leg1 = b1.ws().awaitInvitation(0);
        String leg2 = b2.ws().awaitInvitation(0);
        voice("bob").updateVoiceSessionStatus(leg1, new VoiceSessionStatusChange()
                .status(VoiceSessionStatusRequest.CONNECTED).answer(new SdpDescriptor().sdp(ANSWER)), null);
        assertThat(b2.ws().awaitStatuses(leg2, "Terminated/LOCAL_HANGUP")).containsExactly("Terminated/LOCAL_HANGUP");
        a.ws().awaitStatuses(out, "Connected");
        Endpoint c = register("carol");
        String second = voice("carol").createVoiceSession(callTo(c, NUMBERS.get("bob")), null).getVoiceSessionId();
        assertThat(c.ws().awaitStatuses(second, "Ringing")).containsExactly("InProgress", "Ringing");

        faults("replay-ignored");
        WebSocketNotificationChannel ch = createWsChannel("dave");
        RacmSession r = racm("dave").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null);
        racm("dave").deleteRacmSession(r.getRacmSessionId(), null);
        WsEvents replay = WsEvents.connect(ch.getChannelData().getChannelURL() + "?lastSequence=0");
        Thread.sleep(300);
        assertThat(replay.events).isEmpty();
    }

    @Test
    void webhookFaults() throws Exception {
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        try {
            faults("webhook-no-auth", "webhook-no-retry");
            HttpResponse<String> ch = http("POST", "/byon/v0.2/channels", token("erin"),
                    "{\"channelType\":\"Webhook\",\"channelData\":{\"notificationUrl\":\"http://localhost:"
                            + server.getAddress().getPort() + "/hook\",\"notificationAuthToken\":"
                            + "\"token-0123456789-0123456789\"}}");
            assertThat(ch.statusCode()).as(ch.body()).isEqualTo(201);
            RacmSession r = racm("erin").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                    .channelId(json(ch.body()).path("channelId").asText()), null);
            racm("erin").deleteRacmSession(r.getRacmSessionId(), null);
            Thread.sleep(1000);
            assertThat(auth).containsExactly("null");
        } finally {
            server.stop(0);
        }
    }
}
