package org.byon.conformance.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContractTest {
    static final Contract CONTRACT = Contract.embedded("/byon/v0.2");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> respond(String method, String path, int status, String body, String... headers) {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        h.put("Content-Type", List.of("application/json"));
        h.put("x-correlator", List.of("abc"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return CONTRACT.validateResponse(method, "/byon/v0.2" + path, status, h, body);
    }

    @Test
    void aWebSocketChannelResponseIsValid() {
        String body = "{\"channelType\":\"WebSocket\",\"channelData\":{\"channelURL\":\"ws://localhost/byon/v0.2/ws/ch-1/secret\"},"
                + "\"channelId\":\"ch-1\",\"expiresAt\":\"2026-11-28T03:27:19.485Z\",\"resourceURL\":\"http://localhost/byon/v0.2/channels/ch-1\"}";
        assertThat(respond("POST", "/channels", 201, body, "Location", "http://localhost/byon/v0.2/channels/ch-1")).isEmpty();
        assertThat(respond("GET", "/channels/ch-1", 200, body)).isEmpty();
    }

    @Test
    void aChannelWithoutChannelDataIsInvalid() {
        String body = "{\"channelType\":\"WebSocket\",\"channelId\":\"ch-1\",\"expiresAt\":\"2026-11-28T03:27:19.485Z\",\"resourceURL\":\"http://localhost/byon/v0.2/channels/ch-1\"}";
        assertThat(respond("GET", "/channels/ch-1", 200, body)).isNotEmpty();
    }

    @Test
    void aMissingLocationOn201IsAViolation() {
        String body = "{\"channelType\":\"WebSocket\",\"channelData\":{\"channelURL\":\"ws://localhost/x\"},"
                + "\"channelId\":\"ch-1\",\"expiresAt\":\"2026-11-28T03:27:19.485Z\",\"resourceURL\":\"http://localhost/byon/v0.2/channels/ch-1\"}";
        assertThat(respond("POST", "/channels", 201, body)).isNotEmpty();
    }

    @Test
    void anUndocumentedStatusIsAViolation() {
        assertThat(respond("GET", "/channels/ch-1", 418, "{\"status\":418,\"code\":\"TEAPOT\",\"message\":\"x\"}")).isNotEmpty();
    }

    @Test
    void aRacmSessionWithoutPhoneNumberIsInvalid() {
        String ok = "{\"racmSessionId\":\"rs-1\",\"deviceId\":\"8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11\",\"channelId\":\"ch-1\",\"phoneNumber\":\"+447700900001\",\"status\":\"Registered\",\"expiresAt\":\"2026-11-28T03:27:19Z\"}";
        assertThat(respond("GET", "/racm/sessions/rs-1", 200, ok)).isEmpty();
        assertThat(respond("GET", "/racm/sessions/rs-1", 200, ok.replace("\"phoneNumber\":\"+447700900001\",", ""))).isNotEmpty();
    }

    @Test
    void eventsAreValidatedAgainstTheSchemaTheirTypeSelects() throws Exception {
        String ev = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/byon/v0.2/voice/sessions/vs-1\",\"type\":\"org.byon.voice.v1.session-status\","
                + "\"datacontenttype\":\"application/json\",\"time\":\"2026-11-28T02:27:21.44195345Z\",\"sequence\":1,"
                + "\"data\":{\"voiceSessionId\":\"vs-1\",\"racmSessionId\":\"rs-1\",\"status\":\"InProgress\"}}";
        assertThat(CONTRACT.validateEvent(JSON.readTree(ev))).isEmpty();
        assertThat(CONTRACT.validateEvent(JSON.readTree(ev.replace("\"specversion\":\"1.0\",", "")))).isNotEmpty();
        assertThat(CONTRACT.validateEvent(JSON.readTree(ev.replace("\"status\":\"InProgress\"", "\"status\":\"Bogus\"")))).isNotEmpty();
        assertThat(CONTRACT.validateEvent(JSON.readTree(ev.replace("\"racmSessionId\":\"rs-1\",", "")))).isNotEmpty();
    }

    @Test
    void theSuitesOwnHttpReceiverIsToleratedOnlyWhenAsked() {
        String body = "{\"channelType\":\"Webhook\",\"channelData\":{\"notificationUrl\":\"http://127.0.0.1:9/byon-hooks/2b724ef9-314a-4e43-9c30-b0689de756aa\"},"
                + "\"channelId\":\"ch-1\",\"expiresAt\":\"2026-11-28T03:27:19.485Z\",\"resourceURL\":\"http://localhost/byon/v0.2/channels/ch-1\"}";
        String foreign = body.replace("http://127.0.0.1:9/byon-hooks/2b724ef9-314a-4e43-9c30-b0689de756aa", "http://app.example/events");
        Contract strict = Contract.embedded("/byon/v0.2");
        Map<String, List<String>> h = Map.of("Content-Type", List.of("application/json"));
        assertThat(strict.validateResponse("GET", "/byon/v0.2/channels/ch-1", 200, h, body)).isNotEmpty();
        strict.rewriteBeforeValidation(org.byon.conformance.cli.SelfTolerations.OWN_HOOK, "\"https://$1\"");
        assertThat(strict.validateResponse("GET", "/byon/v0.2/channels/ch-1", 200, h, body)).isEmpty();
        assertThat(strict.validateResponse("GET", "/byon/v0.2/channels/ch-1", 200, h, body.replace("\"channelId\":\"ch-1\",", ""))).isNotEmpty();
        assertThat(strict.validateResponse("GET", "/byon/v0.2/channels/ch-1", 200, h, foreign)).isNotEmpty();
    }

    @Test
    void theShaIsOfTheEmbeddedBytes() {
        assertThat(CONTRACT.sha256()).hasSize(64);
    }
}
