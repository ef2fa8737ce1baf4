package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.cli.Main;
import org.byon.conformance.cli.ReferenceGateway;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run against a gateway whose tokens come from an external identity provider (issue 12, item 6):
 * a second reference gateway plays the IdP (its token endpoint, discovery and JWKS); the gateway
 * under test is started with {@code byon.auth.jwk-set-uri} and {@code byon.auth.issuer} pointing at
 * it and never issues a token itself. The suite gets every token (and the expired one) from the IdP
 * by its config alone ({@code auth.origin}), and the core profile passes. The same config against a
 * gateway that trusts only its own keys is refused, so the wiring is what makes the run pass.
 */
class ExternalIdpIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path JAR = Path.of(System.getProperty("byon.gateway.jar", "../server-stub/target/byon-gateway.jar"));

    @Test
    void theCoreProfilePassesWithTokensFromAnExternalIdp() throws Exception {
        try (ReferenceGateway idp = ReferenceGateway.start(JAR, Path.of("target", "selftest-idp"), true)) {
            JsonNode discovery = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(idp.base() + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String issuer = discovery.path("issuer").asText();
            String jwks = discovery.path("jwks_uri").asText();
            assertThat(jwks).as("the IdP's discovery names its JWKS").startsWith("http");
            try (ReferenceGateway gw = ReferenceGateway.start(JAR, Path.of("target", "selftest-external"), true,
                    List.of("--byon.auth.jwk-set-uri=" + jwks, "--byon.auth.issuer=" + issuer))) {
                Path dir = Path.of("target", "selftest-reports", "external-idp");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                        "run", "--config", "builtin:reference-gateway", "--api-root", gw.apiRoot(), "--auth-origin", idp.base(),
                        "--profile", "core", "--report-dir", dir.toString(), "--format", "console,json", "--quiet",
                        "--webhook-keystore", gw.webhookKeyStore().toString());
                Map<String, String> notPassing = new TreeMap<>();
                JSON.readTree(dir.resolve("byon-conformance.json").toFile()).path("tests").forEach(t -> {
                    if (!Set.of("PASS", "NOT_APPLICABLE").contains(t.path("verdict").asText())) {
                        notPassing.put(t.path("id").asText(), t.path("verdict").asText() + " " + t.path("message").asText() + " " + t.path("failures"));
                    }
                });
                assertThat(notPassing).as(out.toString(StandardCharsets.UTF_8)).isEmpty();
                assertThat(code).isZero();
                // the expired token came from the IdP's simulator and was refused by the gateway: AUTH-004 really ran
                assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("BYON-AUTH-004\\s+PASS");
            }
            // control: a gateway that trusts only its own keys refuses the IdP's tokens
            try (ReferenceGateway own = ReferenceGateway.start(JAR, Path.of("target", "selftest-external"), true)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                        "run", "--config", "builtin:reference-gateway", "--api-root", own.apiRoot(), "--auth-origin", idp.base(),
                        "--profile", "core", "--include", "BYON-AUTH-001", "--format", "console", "--quiet");
                assertThat(code).as(out + "\n" + err).isNotZero();
            }
        }
    }
}
