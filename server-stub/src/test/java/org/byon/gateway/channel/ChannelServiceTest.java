package org.byon.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.faults.FaultyEventHook;
import org.byon.gateway.network.NetworkScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelServiceTest {
    static final Owner ALICE = new Owner("alice", "+447700900001");
    static final Owner BOB = new Owner("bob", "+447700900002");
    final NetworkScheduler scheduler = new NetworkScheduler(1);
    final RecordingPushSender push = new RecordingPushSender();
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        scheduler.close();
    }

    ChannelService service(int retention, EventHook hook) {
        return new ChannelService(scheduler, null, push, new WebhookUrlGuard(false), Visibility.OWNER, hook,
                Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(24), retention, Duration.ofMinutes(15));
    }

    static ChannelEvent event(int i) {
        return new ChannelEvent(EventType.CHANNEL_ENDS, "/byon/v0.2/test", Map.of("n", i));
    }

    @Test
    void aSubscriberAndClientHoldAtMostMaxPerOwnerChannels() {
        ChannelService s = service(10, EventHook.NONE);
        s.limitChannelsPerOwner(2);
        Channel first = s.createWebSocket(ALICE, null, "ws://localhost");
        s.createPush(ALICE, null, "fcm-1");
        assertThatThrownBy(() -> s.createWebSocket(ALICE, null, "ws://localhost"))
                .isInstanceOfSatisfying(ByonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
        s.createWebSocket(BOB, null, "ws://localhost");
        s.delete(ALICE, first.id());
        assertThat(s.createWebSocket(ALICE, null, "ws://localhost").id()).isNotEqualTo(first.id());
    }

    @Test
    void retentionIsBoundedInSizeAsWellAsCount() {
        ChannelService s = service(1000, EventHook.NONE);
        s.limitRetentionBytes(3_000);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        for (int i = 0; i < 100; i++) {
            s.publish(c.id(), event(i));
        }
        List<RetainedEvent> kept = c.retainedEvents();
        long size = kept.stream().mapToLong(e -> e.json().length()).sum();
        assertThat(size).isLessThanOrEqualTo(3_000).isGreaterThan(3_000 - kept.get(0).json().length() * 2L);
        assertThat(kept.get(kept.size() - 1).sequence()).isEqualTo(100);
        assertThat(kept.size()).isBetween(2, 99);
    }

    @Test
    void sequenceStartsAtOneAndHasNoGaps() throws Exception {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        ListSink sink = new ListSink();
        assertThat(s.attach(c.wsCredential(), sink, null)).isTrue();
        for (int i = 0; i < 5; i++) {
            s.publish(c.id(), event(i));
        }
        assertThat(sink.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode first = json.readTree(sink.events.get(0).json());
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(first.get("data").get("n").asInt()).isZero();
        assertThat(first.get("id").asText()).isNotBlank();
    }

    @Test
    void eventsWithoutAConnectionAreRetainedAndReplayedOnConnect() {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        for (int i = 0; i < 3; i++) {
            s.publish(c.id(), event(i));
        }
        ListSink sink = new ListSink();
        s.attach(c.wsCredential(), sink, null);
        s.publish(c.id(), event(3));
        assertThat(sink.sequences()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void lastSequenceReplaysOnlyLaterEventsAndANewConnectionTakesOver() {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        ListSink first = new ListSink();
        s.attach(c.wsCredential(), first, null);
        for (int i = 0; i < 6; i++) {
            s.publish(c.id(), event(i));
        }
        ListSink second = new ListSink();
        s.attach(c.wsCredential(), second, 4L);
        assertThat(second.sequences()).containsExactly(5L, 6L);
        assertThat(first.closeCode).isEqualTo(ChannelService.CLOSE_REPLACED);
    }

    @Test
    void retentionIsBoundedByCount() {
        ChannelService s = service(3, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        LongStream.range(0, 10).forEach(i -> s.publish(c.id(), event((int) i)));
        ListSink sink = new ListSink();
        s.attach(c.wsCredential(), sink, 0L);
        assertThat(sink.sequences()).containsExactly(8L, 9L, 10L);
    }

    @Test
    void replayIgnoredFaultSkipsTheReplay() {
        ChannelService s = service(1000, new FaultyEventHook(new FaultSwitch("replay-ignored", false)));
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        s.publish(c.id(), event(1));
        ListSink sink = new ListSink();
        s.attach(c.wsCredential(), sink, 0L);
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aConnectionResolvedBeforeTheDeleteStillGetsChannelEndsAndClose1000() throws Exception {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        Channel resolved = s.channelFor(c.wsCredential()); // at the handshake, before the client sees it open
        long handshake = s.handshake(resolved);
        s.delete(ALICE, c.id()); // the client deletes as soon as it sees the socket open ...
        ListSink sink = new ListSink();
        assertThat(s.attach(resolved, handshake, sink, null)).isTrue(); // ... before the gateway attached the connection
        assertThat(sink.events).hasSize(1);
        assertThat(json.readTree(sink.events.get(0).json()).get("type").asText()).isEqualTo("org.byon.channel.v1.channel-ends");
        assertThat(sink.closeCode).isEqualTo(1000);
        assertThat(s.channelFor(c.wsCredential())).isNull();
    }

    @Test
    void theLaterHandshakeTakesOverEvenWhenItAttachesFirst() throws Exception {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        long first = s.handshake(c);
        long second = s.handshake(c);
        ListSink newer = new ListSink();
        ListSink older = new ListSink();
        s.attach(c, second, newer, null);
        s.attach(c, first, older, null); // the older connection's attachment came late
        assertThat(older.closeCode).isEqualTo(4409);
        assertThat(newer.closeCode).isNull();
        s.delete(ALICE, c.id());
        assertThat(newer.closeCode).isEqualTo(1000);
        assertThat(older.events).isEmpty();
    }

    @Test
    void deleteAnnouncesChannelEndsThenClosesWith1000() throws Exception {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        ListSink sink = new ListSink();
        s.attach(c.wsCredential(), sink, null);
        s.delete(ALICE, c.id());
        assertThat(sink.events).hasSize(1);
        JsonNode e = json.readTree(sink.events.get(0).json());
        assertThat(e.get("type").asText()).isEqualTo("org.byon.channel.v1.channel-ends");
        assertThat(e.get("data").get("terminationReason").asText()).isEqualTo("DELETED");
        assertThat(sink.closeCode).isEqualTo(1000);
        assertThat(s.attach(c.wsCredential(), new ListSink(), null)).isFalse();
        assertThatThrownBy(() -> s.get(ALICE, c.id())).isInstanceOf(ByonException.class);
    }

    @Test
    void anotherSubscribersChannelIsNotFound() {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createPush(ALICE, null, "token-1");
        assertThatThrownBy(() -> s.get(BOB, c.id())).isInstanceOfSatisfying(ByonException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(s.list(BOB)).isEmpty();
        assertThat(s.list(ALICE)).extracting(Channel::id).containsExactly(c.id());
    }

    @Test
    void pushChannelsHandEventsToThePushSender() {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createPush(ALICE, null, "fcm-token");
        s.publish(c.id(), event(1));
        assertThat(push.outbox()).singleElement().satisfies(p -> {
            assertThat(p.registrationToken()).isEqualTo("fcm-token");
            assertThat(p.sequence()).isEqualTo(1);
        });
    }

    @Test
    void expiryInThePastIsOutOfRangeAndFarFutureIsClamped() {
        ChannelService s = service(1000, EventHook.NONE);
        assertThatThrownBy(() -> s.createPush(ALICE, Instant.now().minusSeconds(5), "t"))
                .isInstanceOfSatisfying(ByonException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.OUT_OF_RANGE));
        Channel c = s.createPush(ALICE, Instant.now().plus(Duration.ofDays(30)), "t");
        assertThat(c.expiresAt()).isBefore(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1));
    }

    @Test
    void ssrfGuardRefusesInternalAddressesAndPlainHttp() {
        WebhookUrlGuard guard = new WebhookUrlGuard(false);
        for (String url : new String[] {"https://127.0.0.1/hook", "https://localhost/x", "https://10.1.2.3/x",
                "https://169.254.169.254/latest", "https://192.168.1.1/", "https://[::1]/x", "http://example.com/x"}) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOfSatisfying(ByonException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOTIFICATION_URL_NOT_ALLOWED));
        }
        assertThatThrownBy(() -> guard.check("ftp://example.com/x")).isInstanceOfSatisfying(ByonException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        new WebhookUrlGuard(true).check("http://127.0.0.1:8080/hook");
    }

    @Test
    void gracefulShutdownClosesWebSocketsWith1001() {
        ChannelService s = service(1000, EventHook.NONE);
        Channel c = s.createWebSocket(ALICE, null, "ws://h");
        ListSink sink = new ListSink();
        s.attach(c.wsCredential(), sink, null);
        s.closeAllWebSockets();
        assertThat(sink.closeCode).isEqualTo(1001);
    }
}
