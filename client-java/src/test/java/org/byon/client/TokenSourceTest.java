package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenSourceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Stubs.MutableClock clock = new Stubs.MutableClock();

    private TokenSource source() {
        return TokenSource.clientCredentialsBuilder(URI.create(wm.baseUrl() + Stubs.TOKEN_PATH), "alice", "alice-secret")
                .clock(clock).build();
    }

    /** The token endpoint answers token-1, token-2, token-3 ... in turn. */
    private static void rotatingTokens(long expiresIn, int count, int delayMs) {
        for (int i = 1; i <= count; i++) {
            wm.stubFor(post(urlEqualTo(Stubs.TOKEN_PATH)).inScenario("tokens")
                    .whenScenarioStateIs(i == 1 ? STARTED : "t" + i)
                    .willSetStateTo("t" + (i + 1))
                    .willReturn(okJson("{\"access_token\":\"token-" + i + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                            + expiresIn + "}").withFixedDelay(delayMs)));
        }
    }

    @Test
    void sendsClientCredentialsGrantWithHttpBasicClientAuthentication() {
        Stubs.token(wm, "tok", 600);
        TokenSource source = TokenSource.clientCredentialsBuilder(URI.create(wm.baseUrl() + Stubs.TOKEN_PATH),
                "alice", "alice-secret").scope("byon:racm-sessions:create byon:voice-sessions:create").build();

        assertThat(source.token().value()).isEqualTo("tok");

        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));
        wm.verify(1, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=byon%3Aracm-sessions%3Acreate+byon%3Avoice-sessions%3Acreate")));
    }

    @Test
    void tokenIsCachedUntilShortlyBeforeItExpiresThenRenewed() {
        rotatingTokens(300, 3, 0);
        TokenSource source = source();

        assertThat(source.token().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(200));
        assertThat(source.token().value()).isEqualTo("token-1");
        wm.verify(1, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(45)); // 245 s: inside the 60 s renewal window
        assertThat(source.token().value()).isEqualTo("token-2");
        assertThat(source.token().expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
        wm.verify(2, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH)));
    }

    @Test
    void shortLivedTokenIsRenewedAtHalfItsLifetime() {
        rotatingTokens(10, 2, 0);
        TokenSource source = source();

        assertThat(source.token().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(4));
        assertThat(source.token().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.token().value()).isEqualTo("token-2");
    }

    @Test
    void renewReturnsATokenOtherThanTheStaleOne() {
        rotatingTokens(600, 2, 0);
        TokenSource source = source();
        TokenSource.Token first = source.token();

        TokenSource.Token renewed = source.renew(first);

        assertThat(renewed.value()).isEqualTo("token-2");
        assertThat(source.token()).isEqualTo(renewed);
        assertThat(source.renew(first)).isEqualTo(renewed); // already renewed: no new request
        wm.verify(2, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH)));
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        rotatingTokens(600, 3, 400);
        TokenSource source = source();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return source.token().value();
                }));
            }
            start.countDown();
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(1, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH)));
    }

    @Test
    void concurrentRenewalAfterExpiryIsOneRequestToo() throws Exception {
        rotatingTokens(120, 3, 300);
        TokenSource source = source();
        assertThat(source.token().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(121)); // expired

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> source.token().value()));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo("token-2");
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(2, postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH)));
    }

    @Test
    void refusedClientCredentialsBecomeByonApiException() {
        wm.stubFor(post(urlEqualTo(Stubs.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}")));

        ByonApiException e = catchThrowableOfType(ByonAuthenticationException.class, () -> source().token());

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("invalid_client");
        assertThat(e.message()).contains("bad secret");
    }

    @Test
    void suppliedTokenIsAskedOnEveryCallAndItsJwtExpiryRead() {
        long exp = 1_900_000_000L;
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"alice\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        String jwt = "eyJhbGciOiJub25lIn0." + payload + ".sig";
        int[] calls = {0};
        TokenSource source = TokenSource.of(() -> {
            calls[0]++;
            return jwt;
        });

        assertThat(source.token().value()).isEqualTo(jwt);
        assertThat(source.token().expiresAt()).isEqualTo(java.time.Instant.ofEpochSecond(exp));
        assertThat(calls[0]).isEqualTo(2);
        assertThat(TokenSource.of(() -> "opaque").token().expiresAt()).isNull();
    }
}
