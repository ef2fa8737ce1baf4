package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TolerantReaderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void unknownPropertiesAndEnumValuesInResponsesDoNotFail() {
        Stubs.registrationCreated(wm, Instant.now().plusSeconds(3600),
                ",\"status\":\"Suspended\",\"imsPcscf\":\"pcscf-7\",\"nested\":{\"anything\":[1,2,3]}");
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/voice/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voiceSessionId":"vs-1","racmSessionId":"rs-1","direction":"Sideways",
                         "originatorAddress":"tel:+447700900001","receiverAddress":"tel:+447700900002",
                         "status":"Teleporting","callType":"HOLOGRAM","reason":"SOLAR_FLARE",
                         "offer":{"sdp":"v=0","sdpVersion":7},"mediaServer":{"region":"eu-west"}}""")));
        wm.stubFor(put(urlPathEqualTo("/byon/v0.2/voice/sessions/vs-1/status")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voiceSessionId":"vs-1","racmSessionId":"rs-1","direction":"Outgoing",
                         "originatorAddress":"tel:+447700900001","receiverAddress":"tel:+447700900002",
                         "status":"Hold","callType":"REGULAR","futureField":true}""")));

        try (ByonClient client = Stubs.client(wm)) {
            Registration registration = client.register(new FakeChannel("ch-1"));
            assertThat(registration.phoneNumber()).isEqualTo("+447700900001");

            Call call = registration.call("+447700900002", "v=0");
            assertThat(call.voiceSessionId()).isEqualTo("vs-1");
            assertThat(call.status()).isEqualTo(CallStatus.UNKNOWN);
            assertThat(call.reason()).contains("UNKNOWN");

            call.hold("v=0 sendonly");
            assertThat(call.status()).isEqualTo(CallStatus.HOLD);
        }
    }

    @Test
    void unknownCallStatusMapsToUnknownAndKnownOnesRoundTrip() {
        assertThat(CallStatus.fromWire("Teleporting")).isEqualTo(CallStatus.UNKNOWN);
        assertThat(CallStatus.fromWire(null)).isEqualTo(CallStatus.UNKNOWN);
        for (CallStatus s : CallStatus.values()) {
            if (s != CallStatus.UNKNOWN) {
                assertThat(CallStatus.fromWire(s.wireValue())).isEqualTo(s);
            }
        }
    }
}
