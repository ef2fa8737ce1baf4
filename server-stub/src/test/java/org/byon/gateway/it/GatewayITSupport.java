package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.byon.gateway.GatewayApplication;
import org.byon.gateway.auth.Issuer;
import org.byon.gateway.it.client.ApiClient;
import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.api.NotificationChannelsApi;
import org.byon.gateway.it.client.api.RacmApi;
import org.byon.gateway.it.client.api.VoiceSessionsApi;
import org.byon.gateway.it.client.model.CreateRacmSession;
import org.byon.gateway.it.client.model.CreateNotificationChannel;
import org.byon.gateway.it.client.model.CreateVoiceSession;
import org.byon.gateway.it.client.model.CreateWebSocketNotificationChannel;
import org.byon.gateway.it.client.model.NotificationChannel;
import org.byon.gateway.it.client.model.PushNotificationChannel;
import org.byon.gateway.it.client.model.RacmSession;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.WebSocketNotificationChannel;
import org.byon.gateway.it.client.model.WebhookNotificationChannel;
import org.byon.gateway.voice.VoiceService;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * One application context shared by every IT class (same properties): short timers, http webhooks allowed,
 * runtime fault control, two extra subscribers. Each test leaves no call, registration or channel behind.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "byon.voice.ring-timeout=2s",
                "byon.voice.external-answer-delay=200ms",
                "byon.racm.min-expiry=1s",
                "byon.webhook.allow-insecure-urls=true",
                "byon.webhook.initial-backoff=100ms",
                "byon.webhook.timeout=2s",
                "byon.faults.runtime-control=true",
                "byon.simulator.enabled=true",
                "byon.simulator.key=" + GatewayITSupport.SIMULATOR_KEY,
                "byon.subscribers[0].name=dave",
                "byon.subscribers[0].secret=dave-secret",
                "byon.subscribers[0].phone-number=+447700900004",
                "byon.subscribers[1].name=erin",
                "byon.subscribers[1].secret=erin-secret",
                "byon.subscribers[1].phone-number=+447700900005",
                "logging.level.org.byon.gateway=WARN"
        })
public abstract class GatewayITSupport {
    public static final String OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";
    public static final String ANSWER = "v=0\r\no=- 99 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n";
    public static final String SIMULATOR_KEY = "it-simulator-key";
    public static final List<String> SUBSCRIBERS = List.of("alice", "bob", "carol", "dave", "erin");
    public static final Map<String, String> NUMBERS = Map.of("alice", "+447700900001", "bob", "+447700900002",
            "carol", "+447700900003", "dave", "+447700900004", "erin", "+447700900005");
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.concurrent.ExecutorService SHARED_EXECUTOR =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "it-http");
                t.setDaemon(true);
                return t;
            });
    protected static final HttpClient HTTP = HttpClient.newBuilder().executor(SHARED_EXECUTOR).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;
    @Autowired
    protected VoiceService voiceService;
    @Autowired
    protected JWKSource<SecurityContext> jwkSource;
    @Autowired
    protected Issuer issuer;

    protected String base() {
        return "http://localhost:" + port;
    }

    // ------------------------------------------------------------------ tokens and clients

    protected String token(String name) {
        return TOKENS.computeIfAbsent(port + "/" + name, k -> fetchToken(name, null));
    }

    protected String fetchToken(String name, String scope) {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((name + ":" + name + "-secret")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(r.statusCode()).as("token for " + name + ": " + r.body()).isEqualTo(200);
        return json(r.body()).get("access_token").asText();
    }

    /** A token signed by the gateway's own key with a chosen expiry (for token-expiry tests). */
    protected String mintToken(String name, Instant expiresAt) {
        return mintToken(name, NUMBERS.get(name), expiresAt);
    }

    /** A token of client {@code name} proving {@code phoneNumber}. */
    protected String mintToken(String name, String phoneNumber, Instant expiresAt) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer.get()).subject(name)
                .issuedAt(expiresAt.isBefore(now) ? expiresAt.minusSeconds(600) : now.minusSeconds(1))
                .expiresAt(expiresAt).claim("phone_number", phoneNumber)
                .claim("scope", String.join(" ", org.byon.gateway.auth.SecurityConfiguration.SCOPES)).build();
        return new NimbusJwtEncoder(jwkSource).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
    }

    protected ApiClient client(String name) {
        return clientWithToken(token(name));
    }

    private static final Map<String, ApiClient> CLIENTS = new ConcurrentHashMap<>();

    /** One client (and HTTP connection pool) per token. */
    protected ApiClient clientWithToken(String token) {
        return CLIENTS.computeIfAbsent(port + "/" + token, k -> newClient(token));
    }

    private ApiClient newClient(String token) {
        ApiClient c = new ApiClient();
        c.setHttpClientBuilder(HttpClient.newBuilder().executor(SHARED_EXECUTOR));
        c.updateBaseUri(base() + "/byon/v0.2");
        c.setRequestInterceptor(b -> b.setHeader("Authorization", "Bearer " + token));
        return c;
    }

    private static final Map<String, Object> APIS = new ConcurrentHashMap<>();

    /** API objects are cached per token: each one builds its own HttpClient. */
    protected NotificationChannelsApi channels(String name) {
        String t = token(name);
        return (NotificationChannelsApi) APIS.computeIfAbsent("ch/" + port + "/" + t,
                k -> new NotificationChannelsApi(clientWithToken(t)));
    }

    protected RacmApi racm(String name) {
        return racmWithToken(token(name));
    }

    protected RacmApi racmWithToken(String t) {
        return (RacmApi) APIS.computeIfAbsent("racm/" + port + "/" + t, k -> new RacmApi(clientWithToken(t)));
    }

    protected VoiceSessionsApi voice(String name) {
        String t = token(name);
        return (VoiceSessionsApi) APIS.computeIfAbsent("voice/" + port + "/" + t,
                k -> new VoiceSessionsApi(clientWithToken(t)));
    }

    // ------------------------------------------------------------------ raw HTTP

    protected HttpResponse<String> http(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (path.startsWith("/simulator/")) {
            b.header("X-Simulator-Key", SIMULATOR_KEY);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    protected static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Asserts an ErrorInfo response: status, code, schema. */
    protected static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(ContractSchemas.get().errors("ErrorInfo", r.body())).isEmpty();
        JsonNode e = json(r.body());
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(r.headers().firstValue("x-correlator")).isPresent();
    }

    protected static void assertError(ApiException e, int status, String code) {
        assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(status);
        assertThat(ContractSchemas.get().errors("ErrorInfo", e.getResponseBody())).isEmpty();
        assertThat(json(e.getResponseBody()).get("code").asText()).isEqualTo(code);
    }

    // ------------------------------------------------------------------ endpoints

    /** A web endpoint: WebSocket channel, connected client, registration. */
    public record Endpoint(String name, String channelId, String racmSessionId, WsEvents ws) {
    }

    protected WebSocketNotificationChannel createWsChannel(String name) throws ApiException {
        NotificationChannel ch = channels(name).createNotificationChannel(new CreateNotificationChannel(
                new CreateWebSocketNotificationChannel().channelType("WebSocket")), null);
        assertThat(ch.getActualInstance()).isInstanceOf(WebSocketNotificationChannel.class);
        return ch.getWebSocketNotificationChannel();
    }

    /** The {@code channelId} of a channel of any type (the generated {@code oneOf} wrapper holds the concrete one). */
    protected static String channelId(NotificationChannel ch) {
        Object c = ch.getActualInstance();
        if (c instanceof WebSocketNotificationChannel ws) {
            return ws.getChannelId();
        }
        if (c instanceof WebhookNotificationChannel wh) {
            return wh.getChannelId();
        }
        if (c instanceof PushNotificationChannel push) {
            return push.getChannelId();
        }
        throw new AssertionError("not a channel of a known type: " + c);
    }

    protected Endpoint register(String name) throws ApiException {
        WebSocketNotificationChannel ch = createWsChannel(name);
        WsEvents ws = WsEvents.connect(ch.getChannelData().getChannelURL().toString());
        RacmSession r = racm(name).createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null);
        return new Endpoint(name, ch.getChannelId(), r.getRacmSessionId(), ws);
    }

    protected CreateVoiceSession callTo(Endpoint from, String number) {
        return new CreateVoiceSession().racmSessionId(from.racmSessionId()).receiverAddress("tel:" + number)
                .offer(new SdpDescriptor().sdp(OFFER));
    }

    protected void smartphone(String name, String mode) {
        HttpResponse<String> r = http("PUT", "/simulator/v1/subscribers/" + NUMBERS.get(name) + "/smartphone", null,
                "{\"mode\":\"" + mode + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The network call a voice session belongs to (from the simulator's live calls). */
    protected String callIdOf(String voiceSessionId) {
        JsonNode calls = json(http("GET", "/simulator/v1/calls", null, null).body());
        for (JsonNode c : calls) {
            for (JsonNode leg : c.path("legs")) {
                if (leg.path("voiceSessionId").asText().equals(voiceSessionId)) {
                    return c.path("callId").asText();
                }
            }
        }
        throw new AssertionError("no live call with leg " + voiceSessionId + ": " + calls);
    }

    /** An API call expected to fail. */
    public interface ApiCall {
        void run() throws ApiException;
    }

    protected static ApiException catchApi(ApiCall call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an error response");
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        for (JsonNode c : json(http("GET", "/simulator/v1/calls", null, null).body())) {
            http("DELETE", "/simulator/v1/calls/" + c.path("callId").asText(), null, null);
        }
        for (String name : SUBSCRIBERS) {
            for (NotificationChannel ch : channels(name).listNotificationChannels(null)) {
                try {
                    channels(name).deleteNotificationChannel(channelId(ch), null);
                } catch (ApiException e) {
                    // ended meanwhile
                }
            }
            smartphone(name, "IDLE");
        }
        http("PUT", "/simulator/v1/faults", null, "{\"faults\":[]}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(voiceService.sessionCount()).as("leaked voice sessions").isZero();
            assertThat(voiceService.callCount()).as("leaked calls").isZero();
        });
    }
}
