package org.byon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.byon.client.internal.WebSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the reference gateway (started as a process on a free port): full calls between two
 * subscribers over WebSocket channels, forced disconnects with {@code lastSequence} resume, and
 * registrations that outlive their first access token.
 */
class GatewayCallIT {

    /** Short token lifetime so that registration refresh is exercised within the test. */
    private static final Duration TOKEN_TTL = Duration.ofSeconds(20);
    /** Short channel lifetime so that channel renewal is exercised within the test. */
    private static final Duration CHANNEL_TTL = Duration.ofSeconds(15);

    private static final String OFFER = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0\r\na=sendrecv\r\n";
    private static final String ANSWER = "v=0\r\no=bob 2 2 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n"
            + "m=audio 49172 RTP/AVP 0\r\na=sendrecv\r\n";
    private static final String HOLD_OFFER = ANSWER.replace("a=sendrecv", "a=sendonly").replace("2 2 IN", "2 3 IN");
    private static final String RESUME_OFFER = ANSWER.replace("2 2 IN", "2 4 IN");

    private static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.start("--byon.auth.token-ttl=" + TOKEN_TTL.toSeconds() + "s", "--byon.faults.runtime-control=true",
                "--byon.channels.default-expiry=" + CHANNEL_TTL.toSeconds() + "s");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void fullCallBetweenTwoSubscribersSurvivesForcedDisconnectsWithoutLostOrDuplicatedEvents() throws Exception {
        Recorder aliceEvents = new Recorder();
        Recorder bobEvents = new Recorder();
        try (ByonClient alice = gateway.client("alice"); ByonClient bob = gateway.client("bob")) {
            NotificationChannelHandle aliceChannel = alice.openWebSocketChannel(aliceEvents);
            NotificationChannelHandle bobChannel = bob.openWebSocketChannel(bobEvents);
            Registration aliceReg = alice.register(aliceChannel);
            Registration bobReg = bob.register(bobChannel);
            assertThat(aliceReg.phoneNumber()).isEqualTo("+447700900001");
            assertThat(bobReg.phoneNumber()).isEqualTo("+447700900002");

            // alice calls bob; bob's endpoint is offered the call with alice's offer
            Call call = aliceReg.call("+447700900002", OFFER);
            ByonEvent.SessionInvitation invitation = bobEvents.await(ByonEvent.SessionInvitation.class, i -> true);
            IncomingCall incoming = invitation.call();
            assertThat(invitation.originatorAddress()).isEqualTo("tel:+447700900001");
            assertThat(invitation.racmSessionId()).isEqualTo(bobReg.racmSessionId());
            assertThat(incoming.remoteSdp()).contains(OFFER);
            assertThat(incoming.status()).isEqualTo(CallStatus.INITIAL);

            incoming.ringing();
            assertThat(call.awaitStatus(CallStatus.RINGING, Duration.ofSeconds(10))).isTrue();

            // the contract's error for a status change the state does not allow, with the correlator
            ByonApiException notConnected = catchThrowableOfType(ByonApiException.class,
                    () -> call.hold(OFFER));
            assertThat(notConnected.status()).isEqualTo(409);
            assertThat(notConnected.code()).isEqualTo("INCOMPATIBLE_STATE");
            assertThat(notConnected.correlator()).matches("[0-9a-f-]{36}"); // generated, echoed

            incoming.answer(ANSWER);
            assertThat(call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(10))).isTrue();
            assertThat(call.remoteSdp()).contains(ANSWER);
            assertThat(incoming.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(10))).isTrue();

            // 1st forced disconnect: bob holds and resumes while alice's socket is down
            long beforeDrop = aliceChannel.lastSequence();
            ((WebSocketChannel) aliceChannel).simulateConnectionLoss(Duration.ofSeconds(2));
            incoming.hold(HOLD_OFFER);
            incoming.resume(RESUME_OFFER);
            assertThat(aliceChannel.isConnected()).as("still down: Hold/Connected can only arrive by replay").isFalse();
            await().atMost(Duration.ofSeconds(15)).until(() -> aliceEvents.reconnects.get() >= 1
                    && aliceEvents.statusesOf(call.voiceSessionId()).contains(CallStatus.HOLD)
                    && aliceChannel.lastSequence() > beforeDrop + 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> call.status() == CallStatus.CONNECTED);
            assertThat(aliceEvents.disconnects.get()).isEqualTo(1);

            // 2nd forced disconnect: alice hangs up while her own socket is down; the Terminated
            // status of her leg reaches her only through the replay
            ((WebSocketChannel) aliceChannel).simulateConnectionLoss(Duration.ofSeconds(1));
            call.hangUp();
            assertThat(aliceChannel.isConnected()).isFalse();
            assertThat(call.awaitStatus(CallStatus.TERMINATED, Duration.ofSeconds(15))).isTrue();
            assertThat(incoming.awaitStatus(CallStatus.TERMINATED, Duration.ofSeconds(10))).isTrue();
            assertThat(incoming.reason()).contains("REMOTE_HANGUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> aliceEvents.reconnects.get() >= 2);

            assertThat(aliceEvents.statusesOf(call.voiceSessionId()))
                    .containsSubsequence(CallStatus.RINGING, CallStatus.CONNECTED, CallStatus.HOLD, CallStatus.CONNECTED,
                            CallStatus.TERMINATED);

            // nothing lost, nothing twice: sequences 1..n, no gap reported
            List<Long> sequences = aliceEvents.sequences();
            assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, sequences.size()).boxed().toList());
            assertThat(aliceEvents.ids()).doesNotHaveDuplicates();
            assertThat(aliceEvents.gaps).isEmpty();
            assertThat(bobEvents.sequences())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, bobEvents.events.size()).boxed().toList());

            // and exactly what the gateway retained for alice's channel, in order
            assertThat(replayAll((WebSocketChannel) aliceChannel, sequences.size())).isEqualTo(aliceEvents.ids());
        }
    }

    @Test
    void registrationAndChannelOutliveTheirFirstLifetimeAndStillPlaceCalls() throws Exception {
        Recorder events = new Recorder();
        try (ByonClient carol = gateway.client("carol")) {
            NotificationChannelHandle channel = carol.openWebSocketChannel(events);
            Registration registration = carol.register(channel);
            OffsetDateTime firstExpiry = registration.expiresAt().orElseThrow();
            OffsetDateTime firstChannelExpiry = channel.expiresAt().orElseThrow();
            assertThat(firstChannelExpiry).isBefore(OffsetDateTime.now().plus(CHANNEL_TTL).plusSeconds(5));
            assertThat(firstExpiry).isBefore(OffsetDateTime.now().plus(TOKEN_TTL).plusSeconds(5));

            // wait past the first token's lifetime: the registration must have been refreshed
            await().atMost(TOKEN_TTL.plusSeconds(15)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> OffsetDateTime.now().isAfter(firstExpiry.plusSeconds(3)));
            assertThat(events.find(ByonEvent.RegistrationEnded.class, r -> true)).isNull();
            assertThat(registration.isActive()).isTrue();
            assertThat(registration.expiresAt().orElseThrow()).isAfter(firstExpiry);
            // the channel outlived its first lifetime too (renewed), still connected, never ended
            assertThat(channel.expiresAt().orElseThrow()).isAfter(firstChannelExpiry);
            assertThat(channel.isConnected()).isTrue();
            assertThat(events.find(ByonEvent.ChannelEnded.class, c -> true)).isNull();

            // an external test number that answers after about a second
            Call call = registration.call("+447700900100", OFFER);
            assertThat(call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(10))).isTrue();
            assertThat(call.remoteSdp()).isPresent();
            call.hangUp();
            assertThat(call.awaitStatus(CallStatus.TERMINATED, Duration.ofSeconds(10))).isTrue();

            registration.close();
            ByonEvent.RegistrationEnded ended = events.await(ByonEvent.RegistrationEnded.class,
                    r -> r.racmSessionId().equals(registration.racmSessionId()));
            assertThat(ended.terminationReason()).isEqualTo("DELETED");
            assertThat(events.gaps).isEmpty();
        }
    }

    @Test
    void callToABusyExternalNumberEndsBusy() throws Exception {
        try (ByonClient carol = gateway.client("carol")) {
            Registration registration = carol.register(carol.openWebSocketChannel(e -> { }));
            Call call = registration.call("tel:+447700900101", OFFER);
            assertThat(call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(10))).isFalse();
            assertThat(call.status()).isEqualTo(CallStatus.BUSY);
        }
    }

    @Test
    void gapInTheChannelSequenceIsReportedToTheListener() throws Exception {
        Recorder events = new Recorder();
        gateway.faults("event-sequence-gap"); // the gateway skips a number after a channel's first event
        try (ByonClient carol = gateway.client("carol")) {
            Registration registration = carol.register(carol.openWebSocketChannel(events));
            Call call = registration.call("+447700900101", OFFER);
            assertThat(call.awaitStatus(CallStatus.BUSY, Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !events.gaps.isEmpty());
            assertThat(events.gaps.get(0)).containsExactly(2L, 3L);
            assertThat(events.sequences()).startsWith(1L, 3L);
        } finally {
            gateway.faults();
        }
    }

    @Test
    void pushAndWebhookChannelsAreCreatedAsPlainResources() {
        try (ByonClient carol = gateway.client("carol")) {
            NotificationChannelHandle push = carol.createPushChannel("fcm-registration-token-0123456789");
            assertThat(push.type()).isEqualTo(NotificationChannelHandle.Type.PUSH_NOTIFICATION);
            assertThat(push.channelId()).isNotBlank();
            assertThat(push.expiresAt()).isPresent();
            push.close();
            push.close(); // idempotent

            // the gateway's SSRF guard refuses a loopback webhook: the contract's 422 code reaches the caller
            ByonApiException refused = catchThrowableOfType(ByonApiException.class, () -> carol.withCorrelator("it-webhook-1")
                    .createWebhookChannel(java.net.URI.create("https://127.0.0.1/hook"), "webhook-token-0123456789abcdef"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("BYON.NOTIFICATION_URL_NOT_ALLOWED");
            assertThat(refused.correlator()).isEqualTo("it-webhook-1");
        }
    }

    /** Connects a second, raw WebSocket without lastSequence: the gateway replays every retained event. */
    private static List<String> replayAll(WebSocketChannel channel, int expected) {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new CopyOnWriteArrayList<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(channel.url(), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        JsonNode event = json.readTree(partial.toString());
                        ids.add(event.path("id").asText());
                    } catch (Exception e) {
                        ids.add("unreadable");
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.size() >= expected);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> ids.size() >= expected);
        } finally {
            ws.abort();
        }
        return new ArrayList<>(ids);
    }
}
