package org.byon.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventHook;
import org.byon.gateway.channel.ListSink;
import org.byon.gateway.channel.RecordingPushSender;
import org.byon.gateway.channel.RetainedEvent;
import org.byon.gateway.channel.WebhookUrlGuard;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.SmartphoneMode;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.network.simulated.SimulatedNetwork;
import org.byon.gateway.racm.RacmService;
import org.byon.gateway.racm.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoiceServiceTest {
    static final Owner ALICE = new Owner("alice", "+447700900001");
    static final Owner BOB = new Owner("bob", "+447700900002");
    static final Owner CAROL = new Owner("carol", "+447700900003");
    static final String OFFER = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n";
    static final String ANSWER = "v=0\r\no=- 2 2 IN IP4 198.51.100.2\r\ns=-\r\nt=0 0\r\nm=audio 6004 RTP/AVP 0\r\n";
    static final ObjectMapper JSON = new ObjectMapper();

    NetworkScheduler scheduler;
    ChannelService channels;
    RacmService racm;
    VoiceService voice;
    SubscriberDirectory directory;
    SimulatedNetwork network;

    @BeforeEach
    void setUp() {
        scheduler = new NetworkScheduler(2);
        channels = new ChannelService(scheduler, null, new RecordingPushSender(), new WebhookUrlGuard(true), Visibility.OWNER,
                EventHook.NONE, Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(24), 100_000,
                Duration.ofMinutes(15));
        directory = new SubscriberDirectory(SubscriberDirectory.DEMO);
        network = new SimulatedNetwork(directory, scheduler, Duration.ofSeconds(30), Duration.ofMillis(50));
        racm = new RacmService(channels, network, scheduler, Visibility.OWNER, Clock.systemUTC(), Duration.ofSeconds(1),
                Duration.ofHours(24), Duration.ofHours(1), 5);
        directory.setSmartphone(BOB.phoneNumber(), SmartphoneMode.OFF);
        directory.setSmartphone(ALICE.phoneNumber(), SmartphoneMode.OFF);
        voice = new VoiceService(racm, channels, directory, network, scheduler, Visibility.OWNER, CallRules.STRICT);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    record Endpoint(Registration registration, ListSink sink) {
        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (RetainedEvent e : sink.events) {
                try {
                    out.add(JSON.readTree(e.json()));
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            }
            return out;
        }

        List<String> statuses(String voiceSessionId) {
            return events().stream().filter(e -> e.get("type").asText().endsWith("session-status"))
                    .filter(e -> e.get("data").get("voiceSessionId").asText().equals(voiceSessionId))
                    .map(e -> e.get("data").get("status").asText()
                            + (e.get("data").has("reason") ? "/" + e.get("data").get("reason").asText() : ""))
                    .toList();
        }

        String invitation() {
            return events().stream().filter(e -> e.get("type").asText().endsWith("session-invitation"))
                    .map(e -> e.get("data").get("voiceSessionId").asText()).reduce((a, b) -> b).orElse(null);
        }
    }

    Endpoint endpoint(Owner owner) {
        Channel c = channels.createWebSocket(owner, null, "ws://h");
        ListSink sink = new ListSink();
        channels.attach(c.wsCredential(), sink, null);
        return new Endpoint(racm.create(owner, UUID.randomUUID(), c.id(), null, null), sink);
    }

    VoiceSessionView call(Endpoint from, String to) {
        return voice.create(from.registration().owner(), new CreateCall(from.registration().id(), to, OFFER, null,
                null, null, null));
    }

    @Test
    void forkedCallIsTakenByTheFirstToAnswerAndTheOtherLegEndsAnsweredElsewhere() {
        Endpoint a = endpoint(ALICE);
        Endpoint b1 = endpoint(BOB);
        Endpoint b2 = endpoint(BOB);
        VoiceSessionView out = call(a, "tel:+447700900002");
        assertThat(out.status()).isIn(VoiceStatus.Initial, VoiceStatus.InProgress, VoiceStatus.Ringing);
        await().until(() -> b1.invitation() != null && b2.invitation() != null);
        String leg1 = b1.invitation();
        String leg2 = b2.invitation();
        voice.updateStatus(BOB, leg1, StatusRequest.Ringing, null, null);
        VoiceSessionView answered = voice.updateStatus(BOB, leg1, StatusRequest.Connected, null, ANSWER);
        assertThat(answered.status()).isEqualTo(VoiceStatus.Connected);
        assertThat(a.statuses(out.voiceSessionId())).containsExactly("InProgress", "Ringing", "Connected");
        assertThat(b2.statuses(leg2)).containsExactly("Terminated/ANSWERED_ELSEWHERE");
        assertThatThrownBy(() -> voice.get(BOB, leg2)).isInstanceOf(ByonException.class);
        assertThat(directory.isBusy(BOB.phoneNumber())).isTrue();

        voice.delete(ALICE, out.voiceSessionId());
        assertThat(a.statuses(out.voiceSessionId())).last().isEqualTo("Terminated/LOCAL_HANGUP");
        assertThat(b1.statuses(leg1)).containsExactly("Ringing", "Connected", "Terminated/REMOTE_HANGUP");
        assertThat(voice.sessionCount()).isZero();
        assertThat(voice.callCount()).isZero();
        assertThat(directory.isBusy(BOB.phoneNumber())).isFalse();
    }

    @Test
    void holdOfACallFromAnInjectedWebRtcCallerIsAnsweredWithTheFarEndsIceDtlsAndRole() throws Exception {
        String farEnd;
        try (var in = getClass().getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            farEnd = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Endpoint b = endpoint(BOB);
        network.injectInbound("+447700900555", BOB.phoneNumber(), farEnd);
        await().until(() -> b.invitation() != null);
        String leg = b.invitation();
        // bob's browser answers as the DTLS client: the far end is then the server (passive)
        String bobAnswer = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:bobF\r\n"
                + "a=ice-pwd:Zk2mQ8vXr1LpT6wYc3Hn0sJd\r\na=setup:active\r\na=mid:0\r\na=sendrecv\r\n"
                + "a=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n";
        voice.updateStatus(BOB, leg, StatusRequest.Connected, null, bobAnswer);
        String hold = bobAnswer.replace("a=setup:active", "a=setup:actpass").replace("a=sendrecv", "a=sendonly");
        VoiceSessionView held = voice.updateStatus(BOB, leg, StatusRequest.Hold, hold, null);
        assertThat(held.status()).isEqualTo(VoiceStatus.Hold);
        assertThat(held.offer()).isEqualTo(hold);
        assertThat(held.answer()).contains("a=recvonly\r\n", "a=ice-ufrag:4HvH\r\n", "a=setup:passive\r\n",
                "a=fingerprint:sha-256 BC:AA:F1:AD:").doesNotContain("a=sendrecv", "actpass");
        VoiceSessionView resumed = voice.updateStatus(BOB, leg, StatusRequest.Resume,
                hold.replace("a=sendonly", "a=sendrecv"), null);
        assertThat(resumed.answer()).contains("a=sendrecv\r\n", "a=ice-ufrag:4HvH\r\n", "a=setup:passive\r\n");
        JsonNode event = b.events().stream().filter(e -> e.get("type").asText().endsWith("session-status"))
                .filter(e -> e.get("data").get("status").asText().equals("Hold")).findFirst().orElseThrow();
        assertThat(event.get("data").get("answer").get("sdp").asText()).isEqualTo(held.answer());
        voice.delete(BOB, leg);
        assertThat(voice.sessionCount()).isZero();
    }

    @Test
    void outgoingLegCannotAnswerAndConnectedNeedsAnAnswer() {
        Endpoint a = endpoint(ALICE);
        VoiceSessionView out = call(a, "tel:+447700900102");
        assertThatThrownBy(() -> voice.updateStatus(ALICE, out.voiceSessionId(), StatusRequest.Connected, null, ANSWER))
                .isInstanceOfSatisfying(ByonException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INCOMPATIBLE_STATE));
        assertThatThrownBy(() -> voice.updateStatus(ALICE, out.voiceSessionId(), StatusRequest.Connected, null, null))
                .isInstanceOfSatisfying(ByonException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        voice.delete(ALICE, out.voiceSessionId());
        await().until(() -> a.statuses(out.voiceSessionId()).contains("SessionCancelled/LOCAL_HANGUP"));
    }

    @Test
    void aSubscriberInACallIsBusy() {
        Endpoint a = endpoint(ALICE);
        Endpoint b = endpoint(BOB);
        Endpoint c = endpoint(CAROL);
        VoiceSessionView out = call(a, "tel:+447700900002");
        await().until(() -> b.invitation() != null);
        voice.updateStatus(BOB, b.invitation(), StatusRequest.Connected, null, ANSWER);
        VoiceSessionView second = call(c, "tel:+447700900002");
        await().until(() -> c.statuses(second.voiceSessionId()).contains("Busy/BUSY"));
        assertThat(c.statuses(second.voiceSessionId())).containsExactly("InProgress", "Busy/BUSY");
        voice.delete(BOB, b.invitation());
        assertThat(a.statuses(out.voiceSessionId())).last().isEqualTo("Terminated/REMOTE_HANGUP");
    }

    @Test
    void deleteRacingANetworkReleaseGivesExactlyOneTerminalEventPerLeg() throws Exception {
        Endpoint a = endpoint(ALICE);
        Endpoint b = endpoint(BOB);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 300; i++) {
                VoiceSessionView out = call(a, "tel:+447700900002");
                String outId = out.voiceSessionId();
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> b.invitation() != null && voice.sessionCount() == 2);
                String in = b.invitation();
                if (i % 2 == 0) {
                    voice.updateStatus(BOB, in, StatusRequest.Connected, null, ANSWER);
                }
                CountDownLatch go = new CountDownLatch(1);
                Future<?> client = pool.submit(() -> {
                    go.await();
                    try {
                        voice.delete(ALICE, outId);
                    } catch (ByonException e) {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
                    }
                    return null;
                });
                Future<?> network = pool.submit(() -> {
                    go.await();
                    this.network.release(voice.callIdOf(in).orElse(null));
                    return null;
                });
                go.countDown();
                client.get();
                network.get();
                assertThat(a.statuses(outId).stream().filter(VoiceServiceTest::terminal)).hasSize(1);
                assertThat(b.statuses(in).stream().filter(VoiceServiceTest::terminal)).hasSize(1);
                assertThat(voice.sessionCount()).isZero();
                assertThat(voice.callCount()).isZero();
                b.sink().events.clear();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(directory.isBusy(BOB.phoneNumber())).isFalse();
    }

    @Test
    void endingTheRegistrationReleasesItsCalls() {
        Endpoint a = endpoint(ALICE);
        VoiceSessionView out = call(a, "tel:+447700900100");
        await().until(() -> a.statuses(out.voiceSessionId()).contains("Connected"));
        racm.delete(ALICE, a.registration().id());
        List<JsonNode> events = a.events();
        assertThat(a.statuses(out.voiceSessionId())).last().isEqualTo("Terminated/REGISTRATION_ENDED");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("org.byon.racm.v1.registration-ends");
        assertThat(last.get("data").get("terminationReason").asText()).isEqualTo("DELETED");
        assertThat(voice.sessionCount()).isZero();
    }

    @Test
    void aCallRingsTheCalleesLiveRegistrationsOnlyAndTheQuotaCountsTheRegistrationsOwnLegs() {
        Endpoint a = endpoint(ALICE);
        Endpoint b1 = endpoint(BOB);
        Endpoint b2 = endpoint(BOB);
        Endpoint gone = endpoint(BOB);
        Endpoint carol = endpoint(CAROL);
        racm.delete(BOB, gone.registration().id());
        racm.update(BOB, b2.registration().id(), null, null); // a refresh keeps the binding
        VoiceSessionView out = call(a, "tel:+447700900002");
        await().until(() -> b1.invitation() != null && b2.invitation() != null);
        assertThat(gone.invitation()).isNull();
        assertThat(carol.invitation()).isNull();
        assertThat(voice.sessionCount()).isEqualTo(3);

        voice.limitCallsPerRegistration(1);
        assertThatThrownBy(() -> call(a, "tel:+447700900003")).isInstanceOfSatisfying(ByonException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
        VoiceSessionView other = call(carol, "tel:+447700900100"); // another registration's quota is its own
        voice.delete(ALICE, out.voiceSessionId());
        voice.delete(CAROL, other.voiceSessionId());
        await().until(() -> voice.sessionCount() == 0);
        VoiceSessionView again = call(a, "tel:+447700900003"); // ended legs leave the quota
        assertThat(again.voiceSessionId()).isNotBlank();
    }

    static boolean terminal(String status) {
        return VoiceStatus.valueOf(status.split("/")[0]).terminal();
    }
}
