package org.byon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A thin java.net.http client for the BYON API (HTTP/1.1, keep-alive, bounded timeouts). */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String SDP_OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";
    static final String SDP_ANSWER = "v=0\r\no=- 7217432897563012 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";

    final HttpClient http;
    /** e.g. {@code http://127.0.0.1:8080/byon/v0.2} (Prism: {@code http://127.0.0.1:4010}) */
    final String base;

    Api(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "http-client");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    record Resp(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        Resp expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    Resp send(String method, String path, String token, String jsonBody, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Resp(r.statusCode(), r.body());
    }

    /** client_credentials with HTTP Basic client authentication; answers the access token. */
    String token(String tokenUrl, String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + clientId + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    // ------------------------------------------------------------------ BYON operations used by the scenarios

    JsonNode createWebSocketChannel(String token) throws IOException, InterruptedException {
        return send("POST", "/channels", token, "{\"channelType\":\"WebSocket\"}").expect(201, "POST /channels").json();
    }

    JsonNode register(String token, String channelId) throws IOException, InterruptedException {
        String body = "{\"deviceId\":\"" + UUID.randomUUID() + "\",\"channelId\":\"" + channelId + "\"}";
        return send("POST", "/racm/sessions", token, body).expect(201, "POST /racm/sessions").json();
    }

    JsonNode call(String token, String racmSessionId, String receiverPhone) throws IOException, InterruptedException {
        String body = "{\"racmSessionId\":\"" + racmSessionId + "\",\"receiverAddress\":\"tel:" + receiverPhone
                + "\",\"offer\":{\"sdp\":" + JSON.writeValueAsString(SDP_OFFER) + "}}";
        return send("POST", "/voice/sessions", token, body).expect(201, "POST /voice/sessions").json();
    }

    void answer(String token, String voiceSessionId) throws IOException, InterruptedException {
        String body = "{\"status\":\"Connected\",\"answer\":{\"sdp\":" + JSON.writeValueAsString(SDP_ANSWER) + "}}";
        send("PUT", "/voice/sessions/" + voiceSessionId + "/status", token, body).expect(200, "PUT status Connected");
    }

    void hangUp(String token, String voiceSessionId) throws IOException, InterruptedException {
        send("DELETE", "/voice/sessions/" + voiceSessionId, token, null).expect(204, "DELETE voice session");
    }
}
