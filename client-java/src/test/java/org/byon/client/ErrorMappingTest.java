package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {

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

    private static void channelsAnswer(int status, String code, String message, String correlator) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
        if (correlator != null) {
            response.withHeader("x-correlator", correlator);
        }
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/channels")).willReturn(response));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "400, INVALID_ARGUMENT, Client specified an invalid argument",
            "401, UNAUTHENTICATED, Request not authenticated due to missing or invalid credentials",
            "403, PERMISSION_DENIED, Client does not have sufficient permissions",
            "404, NOT_FOUND, The specified resource is not found",
            "409, INCOMPATIBLE_STATE, The voice session is not in a state that allows it",
            "422, BYON.NOTIFICATION_URL_NOT_ALLOWED, The notification URL is not allowed",
            "429, TOO_MANY_REQUESTS, Rate limit reached",
            "500, INTERNAL, Unknown server error",
            "503, UNAVAILABLE, Service unavailable",
    })
    void everyDocumentedStatusBecomesByonApiExceptionWithCodeMessageAndCorrelator(int status, String code, String message) {
        channelsAnswer(status, code, message, "flow-" + status);

        ByonApiException e = catchThrowableOfType(ByonApiException.class,
                () -> client.withCorrelator("flow-" + status).createPushChannel("push-token-1"));

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.message()).isEqualTo(message);
        assertThat(e.correlator()).isEqualTo("flow-" + status);
        assertThat(e.getMessage()).contains(String.valueOf(status)).contains(code).contains("flow-" + status);
    }

    @Test
    void correlatorOfTheExceptionIsTheOneEchoedByTheServer() {
        channelsAnswer(409, "ALREADY_EXISTS", "exists", "server-side-correlator");

        ByonApiException e = catchThrowableOfType(ByonApiException.class, () -> client.createPushChannel("push-token-1"));

        assertThat(e.correlator()).isEqualTo("server-side-correlator");
    }

    @Test
    void correlatorOfTheExceptionIsTheSentOneWhenTheServerEchoesNone() {
        channelsAnswer(503, "UNAVAILABLE", "down", null);

        ByonApiException e = catchThrowableOfType(ByonApiException.class,
                () -> client.withCorrelator("sent-1").createPushChannel("push-token-1"));

        assertThat(e.correlator()).isEqualTo("sent-1");
    }

    @Test
    void bodyThatIsNotErrorInfoKeepsStatusWithUnknownCode() {
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/channels")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway</html>")));

        ByonApiException e = catchThrowableOfType(ByonApiException.class, () -> client.createPushChannel("push-token-1"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("UNKNOWN");
        assertThat(e.message()).contains("Bad Gateway");
    }

    @Test
    void errorOfALaterOperationIsMappedTooAndHangUpIgnoresOnlyNotFound() {
        Stubs.registrationCreated(wm, Instant.now().plusSeconds(3600), "");
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/voice/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voiceSessionId":"vs-1","racmSessionId":"rs-1","direction":"Outgoing",
                         "originatorAddress":"tel:+447700900001","receiverAddress":"tel:+447700900002",
                         "status":"Initial","callType":"REGULAR","offer":{"sdp":"v=0"}}""")));
        wm.stubFor(delete(urlPathEqualTo("/byon/v0.2/racm/sessions/rs-1")).willReturn(aResponse().withStatus(204)));
        Registration registration = client.register(new FakeChannel("ch-1"));
        Call call = registration.call("+447700900002", "v=0");

        wm.stubFor(delete(urlPathEqualTo("/byon/v0.2/voice/sessions/vs-1")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":404,\"code\":\"NOT_FOUND\",\"message\":\"gone\"}")));
        call.hangUp(); // already ended: no exception

        wm.stubFor(delete(urlPathEqualTo("/byon/v0.2/voice/sessions/vs-1")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":403,\"code\":\"PERMISSION_DENIED\",\"message\":\"not yours\"}")));
        assertThatThrownBy(call::hangUp).isInstanceOfSatisfying(ByonApiException.class,
                e -> assertThat(e.code()).isEqualTo("PERMISSION_DENIED"));
    }
}
