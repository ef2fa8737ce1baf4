package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live objects read back by id after a restart, and the list of the app's channels. */
class LookupsTest {

    static final String API = org.byon.client.internal.ApiBase.PATH;

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

    @Test
    void anIncomingCallFoundByIdCanBeAnsweredAndIsTheSameHandleNextTime() {
        wm.stubFor(get(urlPathEqualTo(API + "/voice/sessions/vs-7")).willReturn(okJson("""
                {"voiceSessionId":"vs-7","racmSessionId":"rs-1","direction":"Incoming","originatorAddress":"tel:+447700900002",
                 "receiverAddress":"tel:+447700900001","status":"Ringing","offer":{"sdp":"v=0 offer"}}""")));
        wm.stubFor(put(urlPathEqualTo(API + "/voice/sessions/vs-7/status")).willReturn(okJson("""
                {"voiceSessionId":"vs-7","racmSessionId":"rs-1","direction":"Incoming","originatorAddress":"tel:+447700900002",
                 "receiverAddress":"tel:+447700900001","status":"Connected"}""")));

        Call found = client.findCall("vs-7").orElseThrow();
        assertThat(found).isInstanceOf(IncomingCall.class);
        assertThat(found.status()).isEqualTo(CallStatus.RINGING);
        assertThat(found.remoteAddress()).isEqualTo("tel:+447700900002");
        ((IncomingCall) found).answer("v=0 answer");
        assertThat(found.status()).isEqualTo(CallStatus.CONNECTED);
        assertThat(client.findCall("vs-7")).containsSame(found);
        wm.verify(1, getRequestedFor(urlPathEqualTo(API + "/voice/sessions/vs-7")));
    }

    @Test
    void unknownIdsAreEmpty() {
        wm.stubFor(get(urlPathEqualTo(API + "/voice/sessions/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":404,\"code\":\"NOT_FOUND\",\"message\":\"m\"}")));
        assertThat(client.findCall("gone")).isEmpty();
    }

    @Test
    void aRegistrationFoundByIdIsRefreshedFromThenOn() {
        wm.stubFor(get(urlPathEqualTo(API + "/racm/sessions/rs-1")).willReturn(okJson("""
                {"racmSessionId":"rs-1","deviceId":"8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11","channelId":"ch-1",
                 "phoneNumber":"+447700900001","status":"Registered","expiresAt":"%s"}""".formatted(Instant.now().plusSeconds(3)))));
        wm.stubFor(put(urlPathEqualTo(API + "/racm/sessions/rs-1")).willReturn(okJson("""
                {"racmSessionId":"rs-1","deviceId":"8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11","channelId":"ch-1",
                 "phoneNumber":"+447700900001","status":"Registered","expiresAt":"%s"}""".formatted(Instant.now().plusSeconds(3600)))));

        Registration r = client.findRegistration("rs-1").orElseThrow();
        assertThat(r.phoneNumber()).isEqualTo("+447700900001");
        assertThat(r.isActive()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> wm.verify(1, putRequestedFor(urlPathEqualTo(API + "/racm/sessions/rs-1"))));
        assertThat(client.findRegistration("rs-1")).containsSame(r);
    }

    @Test
    void listChannelsReturnsTheAppsChannelsByType() {
        wm.stubFor(get(urlPathEqualTo(API + "/channels")).willReturn(okJson("""
                [{"channelId":"ch-1","channelType":"Webhook","channelData":{"notificationUrl":"https://asp.example.com/hook"},
                  "expiresAt":"2030-01-01T00:00:00Z"},
                 {"channelId":"ch-2","channelType":"PushNotification","channelData":{"registrationToken":"t"},
                  "expiresAt":"2030-01-01T00:00:00Z"}]""")));
        assertThat(client.listChannels()).extracting(NotificationChannelHandle::channelId, NotificationChannelHandle::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ch-1", NotificationChannelHandle.Type.WEBHOOK),
                        org.assertj.core.groups.Tuple.tuple("ch-2", NotificationChannelHandle.Type.PUSH_NOTIFICATION));
    }
}
