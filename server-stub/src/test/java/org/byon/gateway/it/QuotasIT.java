package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.byon.gateway.GatewayApplication;
import org.byon.gateway.web.WebConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The quotas, with small limits: per-subscriber request rate (429 TOO_MANY_REQUESTS with Retry-After, other
 * subscribers unaffected), token requests per client (429 slow_down, wrong secrets counted), channels per
 * subscriber and voice sessions per registration (429 QUOTA_EXCEEDED), one client authentication per token
 * request, the 201 of a call showing Initial; and with {@code byon.auth.audience} set, issued tokens carry it and
 * a token without it is refused.
 */
class QuotasIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ConfigurableApplicationContext app;
    static String base;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
                "--logging.level.org.byon.gateway=WARN", "--spring.jmx.enabled=false",
                "--byon.limits.subscriber-requests-per-second=1", "--byon.limits.subscriber-burst=30",
                "--byon.limits.token-requests-per-second=1", "--byon.limits.token-burst=6",
                "--byon.limits.max-channels-per-subscriber=3", "--byon.limits.max-calls-per-registration=2",
                "--byon.auth.audience=byon-api");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> token(String client, String secret) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    static HttpResponse<String> api(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + WebConfiguration.API_PREFIX + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    static String accessToken(String name) throws Exception {
        HttpResponse<String> r = token(name, name + "-secret");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    @Test
    void aSubscriberOverItsRateGets429WithRetryAfterAndOthersDoNot() throws Exception {
        String alice = accessToken("alice");
        String bob = accessToken("bob");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            HttpResponse<String> r = api("GET", "/channels", alice, null);
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("no 429 within 100 requests").isNotNull();
        JsonNode e = JSON.readTree(limited.body());
        assertThat(e.path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(e.path("status").asInt()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(limited.headers().firstValue("x-correlator")).isPresent();
        assertThat(ContractSchemas.get().errors("ErrorInfo", limited.body())).isEmpty();
        assertThat(api("GET", "/channels", bob, null).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenRequestsArePerClientAndWrongSecretsCount() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(token("carol", "wrong-" + i).statusCode());
        }
        assertThat(statuses).contains(401).contains(429);
        HttpResponse<String> limited = token("carol", "carol-secret");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(limited.body()).path("error").asText()).isEqualTo("slow_down");
        assertThat(token("bob", "bob-secret").statusCode()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withAnAudienceConfiguredATokenWithoutItIsRefused() throws Exception {
        var jwks = (com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext>)
                app.getBean(com.nimbusds.jose.jwk.source.JWKSource.class);
        String issuer = app.getBean(org.byon.gateway.auth.Issuer.class).get();
        var claims = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder().issuer(issuer).subject("alice")
                .issuedAt(java.time.Instant.now().minusSeconds(5)).expiresAt(java.time.Instant.now().plusSeconds(300))
                .claim("phone_number", "+447700900001")
                .claim("scope", String.join(" ", org.byon.gateway.auth.SecurityConfiguration.SCOPES));
        var encoder = new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(jwks);
        var header = org.springframework.security.oauth2.jwt.JwsHeader.with(
                org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build();
        String withoutAud = encoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(header,
                claims.build())).getTokenValue();
        String otherAud = encoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(header,
                claims.audience(List.of("another-api")).build())).getTokenValue();
        assertThat(api("GET", "/channels", withoutAud, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/channels", otherAud, null).statusCode()).isEqualTo(401);
        String issued = accessToken("alice");
        String payload = new String(Base64.getUrlDecoder().decode(issued.split("\\.")[1]));
        assertThat(JSON.readTree(payload).path("aud").toString()).contains("byon-api");
    }

    @Test
    void twoClientAuthenticationsInOneTokenRequestAreRefused() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("dave:x".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=alice&client_secret=alice-secret")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void channelsPerSubscriberAndCallsPerRegistrationAreCapped() throws Exception {
        String erin = accessToken("bob");
        List<String> created = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = api("POST", "/channels", erin, "{\"channelType\":\"WebSocket\"}");
            if (r.statusCode() == 201) {
                created.add(JSON.readTree(r.body()).path("channelId").asText());
            } else {
                refused = r;
            }
        }
        assertThat(created).hasSize(3);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(JSON.readTree(api("GET", "/channels", erin, null).body()).size()).isEqualTo(3);

        HttpResponse<String> reg = api("POST", "/racm/sessions", erin, "{\"deviceId\":\"" + UUID.randomUUID()
                + "\",\"channelId\":\"" + created.get(0) + "\"}");
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        String racm = JSON.readTree(reg.body()).path("racmSessionId").asText();
        String call = "{\"racmSessionId\":\"" + racm + "\",\"receiverAddress\":\"tel:+447700900102\",\"offer\":{\"sdp\":\""
                + GatewayITSupport.OFFER.replace("\r\n", "\\r\\n") + "\"}}";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = api("POST", "/voice/sessions", erin, call);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("Initial");
        }
        HttpResponse<String> third = api("POST", "/voice/sessions", erin, call);
        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(JSON.readTree(third.body()).path("code").asText()).isEqualTo("QUOTA_EXCEEDED");
        for (String id : created) {
            assertThat(api("DELETE", "/channels/" + id, erin, null).statusCode()).isEqualTo(204);
        }
    }
}
