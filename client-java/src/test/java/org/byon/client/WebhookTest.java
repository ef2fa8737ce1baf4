package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook receiver: bearer check, parsing, duplicates, gaps, and answering a call announced by webhook. */
class WebhookTest {

    static final String API = org.byon.client.internal.ApiBase.PATH;
    static final String TOKEN = "s3cret-hook-token";
    static final String OFFER = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0\r\na=candidate:1 1 udp 2122260223 192.0.2.10 49170 typ host\r\n";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ByonClient client;
    private Recorder events;
    private ByonWebhook webhook;

    @BeforeEach
    void setUp() {
        client = Stubs.client(wm);
        events = new Recorder();
        webhook = client.webhook("ch-hook", TOKEN, events);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    static String invitation(long sequence) {
        return """
                {"specversion":"1.0","id":"ev-%d","source":"%s/voice/sessions/vs-9","type":"org.byon.voice.v1.session-invitation",
                 "time":"2030-01-01T10:00:00Z","datacontenttype":"application/json","sequence":%d,
                 "data":{"voiceSessionId":"vs-9","racmSessionId":"rs-1","originatorAddress":"tel:+447700900002",
                         "receiverAddress":"tel:+447700900001","status":"Initial","offer":{"sdp":"%s"}}}"""
                .formatted(sequence, API, sequence, OFFER.replace("\r\n", "\\r\\n"));
    }

    static String status(long sequence, String status) {
        return """
                {"specversion":"1.0","id":"ev-%d","source":"%s/voice/sessions/vs-9","type":"org.byon.voice.v1.session-status",
                 "datacontenttype":"application/json","sequence":%d,
                 "data":{"voiceSessionId":"vs-9","racmSessionId":"rs-1","status":"%s"}}""".formatted(sequence, API, sequence, status);
    }

    @Test
    void aCallAnnouncedByWebhookCanBeAnsweredAndFollowsLaterDeliveries() {
        wm.stubFor(put(urlPathEqualTo(API + "/voice/sessions/vs-9/status")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voiceSessionId":"vs-9","racmSessionId":"rs-1","direction":"Incoming",
                         "originatorAddress":"tel:+447700900002","receiverAddress":"tel:+447700900001","status":"Connected"}""")));

        assertThat(webhook.handle("Bearer " + TOKEN, invitation(1))).isEqualTo(204);
        ByonEvent.SessionInvitation inv = events.await(ByonEvent.SessionInvitation.class, i -> true);
        assertThat(inv.call().remoteSdp()).contains(OFFER);

        inv.call().answerAsync("v=0 answer").join();
        wm.verify(putRequestedFor(urlPathEqualTo(API + "/voice/sessions/vs-9/status"))
                .withRequestBody(equalToJson("{\"status\":\"Connected\",\"answer\":{\"sdp\":\"v=0 answer\"}}", true, true)));
        assertThat(inv.call().status()).isEqualTo(CallStatus.CONNECTED);

        assertThat(webhook.handle("Bearer " + TOKEN, status(2, "Terminated"))).isEqualTo(204);
        assertThat(inv.call().status()).isEqualTo(CallStatus.TERMINATED);
        assertThat(client.findCall("vs-9")).as("an ended call is no longer held").isEmpty();
    }

    @Test
    void theBearerTokenIsCheckedWithTheSchemeInAnyCase() {
        assertThat(webhook.handle((String) null, invitation(1))).isEqualTo(401);
        assertThat(webhook.handle("Bearer wrong-token", invitation(1))).isEqualTo(401);
        assertThat(webhook.handle("Bearer " + TOKEN + "x", invitation(1))).isEqualTo(401);
        assertThat(webhook.handle("Basic " + TOKEN, invitation(1))).isEqualTo(401);
        assertThat(events.events).isEmpty();

        assertThat(webhook.handle(Map.of("authorization", List.of("bEaReR " + TOKEN)), invitation(1))).isEqualTo(204);
        assertThat(events.events).hasSize(1);
    }

    @Test
    void parseRefusesWrongTokensAndBodiesThatAreNoCloudEvent() {
        assertThatThrownBy(() -> webhook.parse("Bearer nope", invitation(1)))
                .isInstanceOfSatisfying(ByonWebhook.Rejected.class, r -> assertThat(r.status()).isEqualTo(401));
        assertThatThrownBy(() -> webhook.parse("Bearer " + TOKEN, "<html>not json</html>"))
                .isInstanceOfSatisfying(ByonWebhook.Rejected.class, r -> assertThat(r.status()).isEqualTo(400));
        assertThat(webhook.handle("Bearer " + TOKEN, "{\"specversion\":\"1.0\"}")).isEqualTo(400);

        ByonEvent parsed = webhook.parse("Bearer " + TOKEN, status(7, "Ringing"));
        assertThat(parsed).isInstanceOfSatisfying(ByonEvent.SessionStatusChanged.class,
                s -> assertThat(s.status()).isEqualTo(CallStatus.RINGING));
    }

    @Test
    void retriedDeliveriesAreAcknowledgedOnceAndGapsReported() {
        assertThat(webhook.handle("Bearer " + TOKEN, invitation(1))).isEqualTo(204);
        assertThat(webhook.handle("Bearer " + TOKEN, invitation(1))).isEqualTo(204);
        assertThat(webhook.handle("Bearer " + TOKEN, status(4, "Ringing"))).isEqualTo(204);
        assertThat(events.events).hasSize(2);
        assertThat(events.gaps).singleElement().satisfies(g -> assertThat(g).containsExactly(2, 4));
        assertThat(webhook.lastSequence()).isEqualTo(4);
    }

    @Test
    void aListenerThatThrowsFailsTheDeliveryWithFiveHundredSoTheRetryIsProcessed() {
        AtomicInteger calls = new AtomicInteger();
        ByonWebhook failingOnce = client.webhook("ch-hook", TOKEN, event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
        });
        assertThat(failingOnce.handle("Bearer " + TOKEN, invitation(1))).isEqualTo(500);
        assertThat(failingOnce.handle("Bearer " + TOKEN, invitation(1))).isEqualTo(204);
        assertThat(calls).hasValue(2);
        assertThat(failingOnce.lastSequence()).isEqualTo(1);
    }

    @Test
    void eventToStringShowsNoSdp() {
        webhook.handle("Bearer " + TOKEN, invitation(1));
        ByonEvent.SessionInvitation inv = events.await(ByonEvent.SessionInvitation.class, i -> true);
        assertThat(inv.toString()).doesNotContain("192.0.2.10").doesNotContain("candidate").contains("<sdp ");
        assertThat(inv.call().statusFuture(CallStatus.INITIAL)).succeedsWithin(Duration.ofSeconds(1))
                .isEqualTo(CallStatus.INITIAL);
    }
}
