package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries of idempotent requests only (429 with Retry-After, 503, connection failures) and the typed exceptions. */
class RetryAndErrorTypesTest {

    static final String API = org.byon.client.internal.ApiBase.PATH;
    static final String CHANNEL = "{\"channelId\":\"ch-1\",\"channelType\":\"PushNotification\","
            + "\"channelData\":{\"registrationToken\":\"t\"},\"expiresAt\":\"2030-01-01T00:00:00Z\"}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ByonClient client;

    @BeforeEach
    void setUp() {
        client = Stubs.client(wm);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static void firstThen(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
                                  com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
        wm.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED).willReturn(first)
                .willSetStateTo("again"));
        wm.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("again").willReturn(then));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"m\"}");
    }

    @Test
    void aGetAnswered503IsRetriedAndSucceeds() {
        firstThen(API + "/channels/ch-1", error(503, "UNAVAILABLE"), okJson(CHANNEL));
        assertThat(client.findChannel("ch-1")).hasValueSatisfying(c -> assertThat(c.channelId()).isEqualTo("ch-1"));
        wm.verify(2, getRequestedFor(urlPathEqualTo(API + "/channels/ch-1")));
    }

    @Test
    void a429HonoursRetryAfterAndIsRetried() {
        firstThen(API + "/channels/ch-1", error(429, "TOO_MANY_REQUESTS").withHeader("Retry-After", "1"), okJson(CHANNEL));
        assertThat(client.findChannel("ch-1")).isPresent();
        wm.verify(2, getRequestedFor(urlPathEqualTo(API + "/channels/ch-1")));
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitIsThrownWithIt() {
        wm.stubFor(get(urlPathEqualTo(API + "/channels/ch-1")).willReturn(error(429, "TOO_MANY_REQUESTS").withHeader("Retry-After", "120")));
        ByonApiException e = catchThrowableOfType(ByonApiException.class, () -> client.findChannel("ch-1"));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        wm.verify(1, getRequestedFor(urlPathEqualTo(API + "/channels/ch-1")));
    }

    @Test
    void aConnectionFailureOfAnIdempotentRequestIsRetried() {
        firstThen(API + "/channels/ch-1", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okJson(CHANNEL));
        assertThat(client.findChannel("ch-1")).isPresent();
        wm.verify(2, getRequestedFor(urlPathEqualTo(API + "/channels/ch-1")));
    }

    @Test
    void persistent503GivesUpAfterTheConfiguredAttempts() {
        wm.stubFor(delete(urlPathEqualTo(API + "/voice/sessions/vs-1")).willReturn(error(503, "UNAVAILABLE")));
        wm.stubFor(get(urlPathEqualTo(API + "/voice/sessions/vs-1")).willReturn(okJson("""
                {"voiceSessionId":"vs-1","racmSessionId":"rs-1","direction":"Outgoing","originatorAddress":"tel:+447700900001",
                 "receiverAddress":"tel:+447700900002","status":"Connected"}""")));
        Call call = client.findCall("vs-1").orElseThrow();
        CompletionException e = catchThrowableOfType(CompletionException.class, () -> call.hangUpAsync().join());
        assertThat(e.getCause()).isInstanceOfSatisfying(ByonApiException.class, api -> assertThat(api.is("UNAVAILABLE")).isTrue());
        wm.verify(3, deleteRequestedFor(urlPathEqualTo(API + "/voice/sessions/vs-1")));
    }

    @Test
    void aPostIsNeverRetried() {
        wm.stubFor(post(urlPathEqualTo(API + "/channels")).willReturn(error(503, "UNAVAILABLE")));
        ByonApiException e = catchThrowableOfType(ByonApiException.class, () -> client.createPushChannel("t"));
        assertThat(e.status()).isEqualTo(503);
        wm.verify(1, postRequestedFor(urlPathEqualTo(API + "/channels")));
    }

    @Test
    void a401IsAnAuthenticationException() {
        wm.stubFor(post(urlPathEqualTo(API + "/channels")).willReturn(error(401, "UNAUTHENTICATED")));
        ByonException e = catchThrowableOfType(ByonException.class, () -> client.createPushChannel("t"));
        assertThat(e).isInstanceOfSatisfying(ByonAuthenticationException.class, a -> assertThat(a.code()).isEqualTo("UNAUTHENTICATED"));
    }

    @Test
    void noResponseAtAllIsATransportException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ByonClient unreachable = ByonClient.builder().apiRoot("http://127.0.0.1:" + closedPort)
                .tokenSource(TokenSource.of(() -> "tok")).retries(1, Duration.ofMillis(10)).build()) {
            ByonException e = catchThrowableOfType(ByonException.class, () -> unreachable.createPushChannel("t"));
            assertThat(e).isInstanceOf(ByonTransportException.class);
            assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
        }
        try (ByonClient noIdp = ByonClient.builder().apiRoot(wm.baseUrl())
                .tokenSource(TokenSource.clientCredentials(URI.create("http://127.0.0.1:" + closedPort + "/token"), "a", "b"))
                .build()) {
            assertThat(catchThrowableOfType(ByonException.class, () -> noIdp.createPushChannel("t")))
                    .isInstanceOf(ByonTransportException.class);
        }
    }
}
