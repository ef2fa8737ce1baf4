package org.byon.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.byon.client.ByonEvent;
import org.byon.client.CallStatus;
import org.byon.client.TokenSource;
import org.byon.client.internal.openapi.model.ChannelEndsData;
import org.byon.client.internal.openapi.model.RegistrationEndsData;
import org.byon.client.internal.openapi.model.SessionInvitationData;
import org.byon.client.internal.openapi.model.SessionStatusData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventRoutingTest {

    private final ClientContext context = new ClientContext(
            new Transport(URI.create("http://localhost:1/byon/v0.2"), TokenSource.of(() -> "t"), null, Duration.ofSeconds(1)),
            Duration.ofMillis(10), Duration.ofMillis(100));

    @AfterEach
    void close() {
        context.close();
    }

    private static String event(long sequence, String type, String data) {
        return """
                {"specversion":"1.0","id":"ev-%d","source":"/byon/v0.2/voice/sessions/vs-1","type":"%s",
                 "time":"2030-01-01T10:00:00Z","datacontenttype":"application/json","sequence":%d,
                 "futureEnvelopeField":"x","data":%s}""".formatted(sequence, type, sequence, data);
    }

    private ByonEvent route(String json) {
        return context.route(context.parser().parse(json));
    }

    @Test
    void invitationBecomesIncomingCallWhoseStatusFollowsLaterEvents() {
        ByonEvent e = route(event(1, EventParser.typeOf(SessionInvitationData.class), """
                {"voiceSessionId":"vs-1","racmSessionId":"rs-1","originatorAddress":"tel:+447700900001",
                 "receiverAddress":"tel:+447700900002","status":"Initial","offer":{"sdp":"v=0 offer"},"x":1}"""));

        assertThat(e).isInstanceOfSatisfying(ByonEvent.SessionInvitation.class, inv -> {
            assertThat(inv.sequence()).isEqualTo(1);
            assertThat(inv.id()).isEqualTo("ev-1");
            assertThat(inv.time()).isNotNull();
            assertThat(inv.originatorAddress()).isEqualTo("tel:+447700900001");
            assertThat(inv.offerSdp()).isEqualTo("v=0 offer");
            assertThat(inv.call().status()).isEqualTo(CallStatus.INITIAL);
            assertThat(inv.call().remoteSdp()).contains("v=0 offer");
        });
        ByonEvent.SessionInvitation inv = (ByonEvent.SessionInvitation) e;

        route(event(2, EventParser.typeOf(SessionStatusData.class), """
                {"voiceSessionId":"vs-1","racmSessionId":"rs-1","status":"Terminated","reason":"ANSWERED_ELSEWHERE"}"""));

        assertThat(inv.call().status()).isEqualTo(CallStatus.TERMINATED);
        assertThat(inv.call().reason()).contains("ANSWERED_ELSEWHERE");
    }

    @Test
    void unknownStatusAndReasonAreToleratedAndReasonPassedThrough() {
        ByonEvent e = route(event(3, EventParser.typeOf(SessionStatusData.class), """
                {"voiceSessionId":"vs-9","racmSessionId":"rs-1","status":"Teleporting","reason":"SOLAR_FLARE",
                 "answer":{"sdp":"v=0 answer"},"newThing":{"a":1}}"""));

        assertThat(e).isInstanceOfSatisfying(ByonEvent.SessionStatusChanged.class, s -> {
            assertThat(s.status()).isEqualTo(CallStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("SOLAR_FLARE");
            assertThat(s.answerSdp()).isEqualTo("v=0 answer");
            assertThat(s.sequence()).isEqualTo(3);
        });
    }

    @Test
    void registrationAndChannelEndsAreTyped() {
        assertThat(route(event(4, EventParser.typeOf(RegistrationEndsData.class),
                "{\"racmSessionId\":\"rs-1\",\"terminationReason\":\"ACCESS_TOKEN_EXPIRED\"}")))
                .isEqualTo(new ByonEvent.RegistrationEnded("ev-4", 4,
                        java.time.OffsetDateTime.parse("2030-01-01T10:00:00Z"), "rs-1", "ACCESS_TOKEN_EXPIRED"));
        assertThat(route(event(5, EventParser.typeOf(ChannelEndsData.class),
                "{\"channelId\":\"ch-1\",\"terminationReason\":\"SOMETHING_NEW\"}")))
                .isInstanceOfSatisfying(ByonEvent.ChannelEnded.class, c -> {
                    assertThat(c.channelId()).isEqualTo("ch-1");
                    assertThat(c.terminationReason()).isEqualTo("SOMETHING_NEW");
                });
    }

    @Test
    void unknownEventTypeIsSkippedButItsSequenceIsRead() {
        EventParser.Parsed p = context.parser().parse(event(6, "org.byon.video.v1.something", "{\"a\":1}"));

        assertThat(p.sequence()).isEqualTo(6);
        assertThat(context.route(p)).isNull();
    }

    @Test
    void statusArrivingBeforeTheCreateResponseIsNotLost() {
        route(event(1, EventParser.typeOf(SessionStatusData.class), "{\"voiceSessionId\":\"vs-2\",\"racmSessionId\":\"rs-1\",\"status\":\"Ringing\"}"));

        var vs = new org.byon.client.internal.openapi.model.VoiceSession().voiceSessionId("vs-2").racmSessionId("rs-1")
                .receiverAddress("tel:+447700900002")
                .status(org.byon.client.internal.openapi.model.VoiceSessionStatus.INITIAL);
        CallImpl call = context.outgoing(context.transport(), vs);

        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
    }

    @Test
    void frameThatIsNotACloudEventIsRejected() {
        assertThatThrownBy(() -> context.parser().parse("{\"id\":\"1\",\"type\":\"x\",\"source\":\"/s\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
