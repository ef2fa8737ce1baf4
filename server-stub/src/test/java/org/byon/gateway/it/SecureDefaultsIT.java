package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.byon.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway started as an operator would, with the jar's defaults (SSRF guard on, no fault control, simulator
 * off): webhook URLs to internal addresses are refused, the simulator is gone, a second gateway
 * pointed at the first one's JWKS and issuer accepts its tokens (and refuses others), and shutting down
 * closes open WebSockets with 1001.
 */
class SecureDefaultsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ssrfGuardSimulatorSwitchAndGracefulShutdown() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--logging.level.org.byon.gateway=WARN",
                        "--spring.jmx.enabled=false");
        boolean closed = false;
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://localhost:" + port;
            // no fault decorator in a gateway started without faults: the domain runs the contract's own seams
            assertThat(app.getBeanNamesForType(org.byon.gateway.faults.FaultConfiguration.class)).isEmpty();
            assertThat(app.getBeanNamesForType(org.byon.gateway.common.Visibility.class)).isEmpty();
            assertThat(app.getBean(org.springframework.security.oauth2.jwt.JwtDecoder.class))
                    .isNotInstanceOf(org.byon.gateway.faults.FaultyJwtDecoder.class);
            HttpResponse<String> tokenResponse = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
            String token = JSON.readTree(tokenResponse.body()).path("access_token").asText();

            for (String url : new String[] {"https://127.0.0.1/hook", "https://localhost:8443/hook",
                    "https://169.254.169.254/latest/meta-data", "https://10.0.0.7/hook", "https://[::1]/hook"}) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/byon/v0.2/channels"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channelType\":\"Webhook\",\"channelData\":"
                                + "{\"notificationUrl\":\"" + url + "\"}}")));
                assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(422);
                JsonNode e = JSON.readTree(r.body());
                assertThat(e.path("code").asText()).isEqualTo("BYON.NOTIFICATION_URL_NOT_ALLOWED");
                assertThat(ContractSchemas.get().errors("ErrorInfo", r.body())).isEmpty();
            }
            HttpResponse<String> plainHttp = send(HttpRequest.newBuilder(URI.create(base + "/byon/v0.2/channels"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channelType\":\"Webhook\",\"channelData\":"
                            + "{\"notificationUrl\":\"http://example.com/hook\"}}")));
            assertThat(plainHttp.statusCode()).isEqualTo(400);

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/simulator/v1/calls"))).statusCode())
                    .isEqualTo(404);

            // a second gateway validating tokens against the first one's JWKS (an operator's real IdP)
            try (ConfigurableApplicationContext other = new SpringApplicationBuilder(GatewayApplication.class)
                    .run("--server.port=0", "--byon.auth.jwk-set-uri=" + base + "/oauth2/jwks",
                            "--byon.auth.issuer=" + base, "--logging.level.org.byon.gateway=WARN",
                            "--spring.jmx.enabled=false")) {
                int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();
                HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create("http://localhost:" + otherPort
                        + "/byon/v0.2/channels")).header("Authorization", "Bearer " + token));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
                HttpResponse<String> ownToken = send(HttpRequest.newBuilder(URI.create("http://localhost:" + otherPort
                        + "/oauth2/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("bob:bob-secret".getBytes()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
                String foreign = JSON.readTree(ownToken.body()).path("access_token").asText();
                assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + otherPort + "/byon/v0.2/channels"))
                        .header("Authorization", "Bearer " + foreign)).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> ch = send(HttpRequest.newBuilder(URI.create(base + "/byon/v0.2/channels"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channelType\":\"WebSocket\"}")));
            WsEvents ws = WsEvents.connect(JSON.readTree(ch.body()).path("channelData").path("channelURL").asText());
            app.close();
            closed = true;
            assertThat(ws.awaitClose()).isEqualTo(1001);
        } finally {
            if (!closed) {
                app.close();
            }
        }
    }
}
