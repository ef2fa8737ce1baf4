package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Authentication, scopes, x-correlator and bad input: ErrorInfo everywhere, never a 5xx. */
class ErrorsAndAuthIT extends GatewayITSupport {

    @Test
    void tokensCarryThePhoneNumberAndScopesAndBothClientAuthMethodsWork() {
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=bob&client_secret=bob-secret")));
        assertThat(form.statusCode()).isEqualTo(200);
        String token = json(form.body()).path("access_token").asText();
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        assertThat(claims.path("phone_number").asText()).isEqualTo("+447700900002");
        assertThat(claims.path("sub").asText()).isEqualTo("bob");
        assertThat(claims.path("iss").asText()).isEqualTo("http://localhost:" + port);
        assertThat(claims.path("scope").asText()).contains("byon:voice-sessions:create", "byon:channels:read");

        HttpResponse<String> wrongSecret = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=bob&client_secret=nope")));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);

        JsonNode discovery = json(http("GET", "/.well-known/openid-configuration", null, null).body());
        assertThat(discovery.path("issuer").asText()).isEqualTo("http://localhost:" + port);
        assertThat(discovery.path("jwks_uri").asText()).endsWith("/oauth2/jwks");
        assertThat(json(http("GET", "/oauth2/jwks", null, null).body()).path("keys")).hasSize(1);
    }

    @Test
    void missingInvalidOrExpiredTokensAnswer401WithTheCorrelator() {
        HttpResponse<String> none = http("GET", "/byon/v0.2/channels", null, null, "x-correlator", "req-42");
        assertError(none, 401, "UNAUTHENTICATED");
        assertThat(none.headers().firstValue("x-correlator")).contains("req-42");

        String valid = token("alice");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("+447700900001", "+447700900002")
                        .getBytes()) + "." + parts[2];
        assertError(http("GET", "/byon/v0.2/channels", tampered, null), 401, "UNAUTHENTICATED");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        assertError(http("GET", "/byon/v0.2/channels", unsigned, null), 401, "UNAUTHENTICATED");

        String expired = json(http("GET", "/simulator/v1/subscribers/alice/expired-token", null, null).body())
                .path("access_token").asText();
        assertError(http("GET", "/byon/v0.2/channels", expired, null), 401, "UNAUTHENTICATED");
        assertError(http("GET", "/byon/v0.2/channels", mintToken("alice", Instant.now().minusSeconds(120)), null),
                401, "UNAUTHENTICATED");
    }

    @Test
    void aTokenWithoutTheOperationsScopeIsForbidden() {
        String readOnly = fetchToken("carol", "byon:channels:read");
        assertThat(http("GET", "/byon/v0.2/channels", readOnly, null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = http("POST", "/byon/v0.2/channels", readOnly, "{\"channelType\":\"WebSocket\"}",
                "x-correlator", "scope-1");
        assertError(r, 403, "PERMISSION_DENIED");
        assertThat(r.headers().firstValue("x-correlator")).contains("scope-1");
        assertError(http("DELETE", "/byon/v0.2/voice/sessions/vs-1", readOnly, null), 403, "PERMISSION_DENIED");
    }

    @Test
    void badInputIsA400NeverA5xx() throws Exception {
        String t = token("alice");
        assertError(http("POST", "/byon/v0.2/channels", t, "{not json"), 400, "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/channels", t, "{\"channelType\":\"Carrier pigeon\"}"), 400,
                "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/channels", t, "{}"), 400, "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/channels", t, "[1,2]"), 400, "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/channels", t, "{\"channelType\":\"WebSocket\"}", "Content-Type",
                "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(http("POST", "/byon/v0.2/channels", t, "{\"channelType\":\"Webhook\"}"), 400, "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/channels", t, "{\"channelType\":\"WebSocket\","
                + "\"requestedExpiresAt\":\"yesterday\"}"), 400, "INVALID_ARGUMENT");
        assertError(http("GET", "/byon/v0.2/channels/bad%20id!", t, null), 400, "INVALID_ARGUMENT");
        HttpResponse<String> badCorrelator = http("GET", "/byon/v0.2/channels", t, null, "x-correlator", "bad value!");
        assertError(badCorrelator, 400, "INVALID_ARGUMENT");
        assertError(http("GET", "/byon/v0.2/channels", t, null, "x-correlator", "a".repeat(257)), 400,
                "INVALID_ARGUMENT");
        String channelId = createWsChannel("alice").getChannelId();
        assertError(http("POST", "/byon/v0.2/racm/sessions", t, "{\"deviceId\":\"" + java.util.UUID.randomUUID()
                + "\",\"channelId\":\"" + channelId + "\",\"registrationExpireTime\":\"2020-01-01T00:00:00Z\"}"), 400,
                "OUT_OF_RANGE");
        assertError(http("GET", "/byon/v0.2/channels/ch-unknown", t, null), 404, "NOT_FOUND");
        HttpResponse<String> unknownPath = http("GET", "/byon/v0.2/nothing-here", t, null, "x-correlator", "p-1");
        assertError(unknownPath, 404, "NOT_FOUND");
        assertThat(unknownPath.headers().firstValue("x-correlator")).contains("p-1");
        HttpResponse<String> method = http("PATCH", "/byon/v0.2/channels", t, "{}");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.body()).doesNotContain("Exception");
    }

    @Test
    void aResponseWithoutCorrelatorInTheRequestGetsAGeneratedOne() {
        HttpResponse<String> r = http("GET", "/byon/v0.2/channels", token("alice"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-correlator")).hasValueSatisfying(v -> assertThat(v).isNotBlank());
    }
}
