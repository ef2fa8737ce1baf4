package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;

import org.byon.gateway.auth.SecurityConfiguration;
import org.byon.gateway.web.WebConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Token rules: a correctly signed token without {@code exp} is refused; revocation and introspection are not
 * offered (404, not in the discovery documents); an unknown client and a wrong secret answer alike; forwarded
 * headers from a client that is not a trusted proxy do not change the absolute URLs.
 */
class TokenRulesIT extends GatewayITSupport {

    @Test
    void aSignedTokenWithoutExpiryIsRefused() {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer.get()).subject("alice")
                .issuedAt(Instant.now().minusSeconds(5)).claim("phone_number", NUMBERS.get("alice"))
                .claim("scope", String.join(" ", SecurityConfiguration.SCOPES)).build();
        String noExp = new NimbusJwtEncoder(jwkSource).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
        HttpResponse<String> r = http("GET", WebConfiguration.API_PREFIX + "/channels", noExp, null);
        assertError(r, 401, "UNAUTHENTICATED");
        assertThat(r.body()).doesNotContain("exp").doesNotContain("Jwt");
    }

    /** byon.yaml: a two-legged token names only the API consumer; it cannot say whose number to register or call from. */
    @Test
    void aTwoLeggedTokenOfTheDemoApiConsumerCreatesNothing() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("asp:asp-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String token = json(r.body()).get("access_token").asText();
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.has("phone_number")).as(claims.toString()).isFalse();
        assertThat(claims.get("client_id").asText()).isEqualTo("asp");
        assertError(http("POST", WebConfiguration.API_PREFIX + "/channels", token, "{\"channelType\":\"WebSocket\"}"), 403,
                "PERMISSION_DENIED");
        assertError(http("GET", WebConfiguration.API_PREFIX + "/channels", token, null), 403, "PERMISSION_DENIED");
    }

    @Test
    void revocationAndIntrospectionAreNotOffered() {
        for (String path : new String[] {"/oauth2/revoke", "/oauth2/introspect"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", basic("alice", "alice-secret"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token("alice"))));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
        }
        for (String path : new String[] {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}) {
            String metadata = send(HttpRequest.newBuilder(URI.create(base() + path))).body();
            assertThat(metadata).as(path).contains("token_endpoint").doesNotContain("revocation_endpoint")
                    .doesNotContain("introspection_endpoint");
        }
    }

    @Test
    void anUnknownClientAndAWrongSecretAnswerAlike() {
        HttpResponse<String> unknown = tokenRequest(basic("mallory", "x"));
        HttpResponse<String> wrong = tokenRequest(basic("alice", "x"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientDoNotChangeUrls() {
        HttpResponse<String> r = http("POST", WebConfiguration.API_PREFIX + "/channels", token("alice"),
                "{\"channelType\":\"WebSocket\"}", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain("evil.example").contains("ws://localhost:" + port);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("http://localhost:" + port);
    }

    private HttpResponse<String> tokenRequest(String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
    }
}
