package org.byon.conformance.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    final Redactor r = new Redactor();

    @Test
    void bearerAndBasicCredentialsAreMasked() {
        assertThat(r.redact("Authorization: Bearer abc.def-ghi")).isEqualTo("Authorization: Bearer ***");
        assertThat(r.redact("Authorization: Basic YWxpY2U6c2VjcmV0")).isEqualTo("Authorization: Basic ***");
        assertThat(r.redactHeader("Authorization", "Bearer xyz")).isEqualTo("Bearer ***");
    }

    @Test
    void anythingShapedLikeAJwtIsMasked() {
        assertThat(r.redact("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln end")).isEqualTo("token *** end");
        assertThat(r.redact("none eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0. end")).isEqualTo("none *** end");
    }

    @Test
    void credentialFieldsInJsonAndFormsAreMasked() {
        assertThat(r.redact("{\"notificationUrl\":\"https://x\",\"notificationAuthToken\":\"hunter2hunter2\"}"))
                .isEqualTo("{\"notificationUrl\":\"https://x\",\"notificationAuthToken\":\"***\"}");
        assertThat(r.redact("{\"access_token\":\"opaque-123\",\"token_type\":\"Bearer\"}")).contains("\"access_token\":\"***\"");
        assertThat(r.redact("grant_type=client_credentials&client_secret=alice-secret")).isEqualTo("grant_type=client_credentials&client_secret=***");
    }

    @Test
    void registeredSecretsAreMaskedAnywhere() {
        r.addSecret("alice-secret");
        assertThat(r.redact("the secret alice-secret leaked")).isEqualTo("the secret *** leaked");
    }

    @Test
    void theCredentialInAWebSocketChannelUrlIsMasked() {
        assertThat(r.redact("wss://gw.example/byon/v0.2/ws/ch-1/Yk7rTq2mZ9vLx4NcP8sWd3Hf?lastSequence=3"))
                .isEqualTo("wss://gw.example/byon/v0.2/ws/ch-1/***?lastSequence=3");
    }

    @Test
    void curlLinesNeverCarryTheToken() {
        Exchange ex = new Exchange("POST", "http://gw/byon/v0.2/channels", "/channels",
                Map.of("Authorization", List.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"), "Content-Type", List.of("application/json")),
                "{\"channelType\":\"Webhook\",\"channelData\":{\"notificationUrl\":\"https://x\",\"notificationAuthToken\":\"super-secret-token\"}}",
                201, Map.of(), "{}", Instant.now(), 3, null);
        String curl = Curl.of(ex, r);
        assertThat(curl).contains("Bearer $BYON_TOKEN").doesNotContain("eyJ").doesNotContain("super-secret-token").startsWith("curl -sS -i -X POST");
    }
}
