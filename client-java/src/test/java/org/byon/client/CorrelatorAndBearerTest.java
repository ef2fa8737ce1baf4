package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CorrelatorAndBearerTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void everyRequestCarriesAFreshGeneratedCorrelatorAndTheBearerToken() {
        Stubs.pushChannelCreated(wm);
        try (ByonClient client = Stubs.client(wm)) {
            client.createPushChannel("push-token-1");
            client.createPushChannel("push-token-1");
        }

        wm.verify(2, postRequestedFor(urlPathEqualTo("/byon/v0.2/channels"))
                .withHeader("x-correlator", matching(UUID))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlPathEqualTo("/byon/v0.2/channels")));
        assertThat(requests.get(0).getHeader("x-correlator")).isNotEqualTo(requests.get(1).getHeader("x-correlator"));
    }

    @Test
    void rejectedTokenIsRenewedOnceAndTheRequestRetriedWithTheSameCorrelator() {
        wm.stubFor(post(urlEqualTo(Stubs.TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(STARTED).willSetStateTo("second")
                .willReturn(okJson("{\"access_token\":\"revoked-token\",\"expires_in\":600}")));
        wm.stubFor(post(urlEqualTo(Stubs.TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"fresh-token\",\"expires_in\":600}")));
        Stubs.pushChannelCreated(wm);
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/channels")).withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":401,\"code\":\"UNAUTHENTICATED\",\"message\":\"token revoked\"}")));

        try (ByonClient client = ByonClient.builder().apiRoot(wm.baseUrl())
                .tokenSource(TokenSource.clientCredentials(URI.create(wm.baseUrl() + Stubs.TOKEN_PATH), "alice", "alice-secret"))
                .build()) {
            assertThat(client.withCorrelator("retry-1").createPushChannel("push-token-1").channelId()).isEqualTo("ch-1");
        }

        wm.verify(2, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH)));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/byon/v0.2/channels")).withHeader("Authorization", equalTo("Bearer revoked-token")));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/byon/v0.2/channels")).withHeader("x-correlator", equalTo("retry-1")));
    }

    @Test
    void callerSetCorrelatorIsSentAsIs() {
        Stubs.pushChannelCreated(wm);
        try (ByonClient client = Stubs.client(wm)) {
            client.withCorrelator("my-flow:42").createPushChannel("push-token-1");
        }

        wm.verify(1, postRequestedFor(urlPathEqualTo("/byon/v0.2/channels")).withHeader("x-correlator", equalTo("my-flow:42")));
    }

    @Test
    void callerSuppliedCorrelatorsAreUsedPerRequest() {
        Stubs.pushChannelCreated(wm);
        Stubs.token(wm, "tok-1", 600);
        AtomicInteger n = new AtomicInteger();
        try (ByonClient client = ByonClient.builder().apiRoot(URI.create(wm.baseUrl() + "/byon/v0.2/"))
                .tokenSource(TokenSource.of(() -> "supplied-token"))
                .correlatorSupplier(() -> "asp-" + n.incrementAndGet())
                .build()) {
            client.createPushChannel("push-token-1");
            client.createPushChannel("push-token-1");
        }

        wm.verify(1, postRequestedFor(urlPathEqualTo("/byon/v0.2/channels")).withHeader("x-correlator", equalTo("asp-1"))
                .withHeader("Authorization", equalTo("Bearer supplied-token")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/byon/v0.2/channels")).withHeader("x-correlator", equalTo("asp-2")));
    }
}
