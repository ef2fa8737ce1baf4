package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistrationRefreshTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void registrationIsRefreshedWithAFreshTokenBeforeTheOldOneExpiresAndDeletedOnClose() {
        long lifetime = 6;
        for (int i = 1; i <= 5; i++) {
            wm.stubFor(post(urlEqualTo(Stubs.TOKEN_PATH)).inScenario("tokens")
                    .whenScenarioStateIs(i == 1 ? STARTED : "t" + i).willSetStateTo("t" + (i + 1))
                    .willReturn(okJson("{\"access_token\":\"token-" + i + "\",\"expires_in\":" + lifetime + "}")));
        }
        Stubs.registrationCreated(wm, Instant.now().plusSeconds(3600), "");
        wm.stubFor(put(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1")).willReturn(okJson("""
                {"racmSessionId":"rs-1","deviceId":"8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11","channelId":"ch-1",
                 "phoneNumber":"+447700900001","status":"Registered","expiresAt":"%s"}
                """.formatted(Instant.now().plusSeconds(3600)))));
        wm.stubFor(delete(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1")).willReturn(aResponse().withStatus(204)));

        try (ByonClient client = ByonClient.builder().apiRoot(wm.baseUrl())
                .tokenSource(TokenSource.clientCredentials(URI.create(wm.baseUrl() + Stubs.TOKEN_PATH), "alice", "alice-secret"))
                .build()) {
            Instant registeredAt = Instant.now();
            Registration registration = client.register(new FakeChannel("ch-1"));
            wm.verify(1, postRequestedFor(urlPathEqualTo("/byon/v0.2/racm/sessions"))
                    .withHeader("Authorization", equalTo("Bearer token-1")));

            await().atMost(Duration.ofSeconds(lifetime + 2)).untilAsserted(() ->
                    wm.verify(putRequestedFor(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1"))
                            .withHeader("Authorization", equalTo("Bearer token-2"))));
            List<LoggedRequest> puts = wm.findAll(putRequestedFor(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1")));
            assertThat(puts.get(0).getLoggedDate().toInstant())
                    .as("refreshed before token-1 expired")
                    .isBefore(registeredAt.plusSeconds(lifetime));
            assertThat(registration.isActive()).isTrue();

            registration.close();
            assertThat(registration.isActive()).isFalse();
            wm.verify(1, deleteRequestedFor(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1")));
            int putsAfterClose = wm.findAll(putRequestedFor(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1"))).size();
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                    assertThat(wm.findAll(putRequestedFor(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1")))).hasSize(putsAfterClose));
        }
    }
}
