package org.byon.gateway.racm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventHook;
import org.byon.gateway.channel.ListSink;
import org.byon.gateway.channel.RecordingPushSender;
import org.byon.gateway.channel.WebhookUrlGuard;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.network.simulated.SimulatedNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The disconnection rule on a clock the test moves (the scheduler's own sweeps find nothing overdue). */
class DisconnectGraceTest {
    static final Owner ALICE = new Owner("alice", "+447700900001");
    static final Duration GRACE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    /** A clock that moves only when told. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    TestClock clock = new TestClock();
    NetworkScheduler scheduler;
    ChannelService channels;
    RacmService racm;
    DisconnectGrace rule;

    @BeforeEach
    void setUp() {
        scheduler = new NetworkScheduler(1);
        channels = new ChannelService(scheduler, null, new RecordingPushSender(), new WebhookUrlGuard(true), Visibility.OWNER,
                EventHook.NONE, clock, Duration.ofHours(1), Duration.ofHours(24), 1000, Duration.ofMinutes(15));
        SubscriberDirectory directory = new SubscriberDirectory(SubscriberDirectory.DEMO);
        SimulatedNetwork network = new SimulatedNetwork(directory, scheduler, Duration.ofSeconds(30), Duration.ofMillis(50));
        racm = new RacmService(channels, network, scheduler, Visibility.OWNER, clock, Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofHours(1), 5);
        racm.disconnectGrace(GRACE);
        rule = new DisconnectGrace(racm, scheduler, clock, GRACE);
        channels.addPresenceListener(rule);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    @Test
    void aChannelDisconnectedLongerThanTheGracePeriodEndsItsRegistration() throws Exception {
        Channel c = channels.createWebSocket(ALICE, null, "ws://h");
        ListSink sink = new ListSink();
        assertThat(channels.attach(c.wsCredential(), sink, null)).isTrue();
        Registration r = racm.create(ALICE, UUID.randomUUID(), c.id(), null, null);
        assertThat(r.disconnectGrace()).isEqualTo(GRACE);

        channels.detach(c.wsCredential(), sink);
        clock.advance(GRACE.minusSeconds(1));
        assertThat(rule.sweep()).isZero();
        assertThat(racm.find(r.id())).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(rule.sweep()).isEqualTo(1);
        assertThat(racm.find(r.id())).isEmpty();
        assertThat(racm.registrationsOf(ALICE.phoneNumber())).isEmpty();

        // the registration-ends event is retained for a later reconnect
        ListSink later = new ListSink();
        channels.attach(c.wsCredential(), later, 0L);
        JsonNode last = JSON.readTree(later.events.get(later.events.size() - 1).json());
        assertThat(last.get("type").asText()).isEqualTo("org.byon.racm.v1.registration-ends");
        assertThat(last.get("data").get("terminationReason").asText()).isEqualTo("CHANNEL_DISCONNECTED");
        assertThat(last.get("data").get("racmSessionId").asText()).isEqualTo(r.id());
    }

    @Test
    void aReconnectWithinTheGracePeriodKeepsTheRegistration() {
        Channel c = channels.createWebSocket(ALICE, null, "ws://h");
        ListSink first = new ListSink();
        channels.attach(c.wsCredential(), first, null);
        Registration r = racm.create(ALICE, UUID.randomUUID(), c.id(), null, null);

        channels.detach(c.wsCredential(), first);
        clock.advance(GRACE.minusSeconds(5)); // a reload, a network change
        channels.attach(c.wsCredential(), new ListSink(), 0L);
        clock.advance(GRACE.multipliedBy(3));
        assertThat(rule.sweep()).isZero();
        assertThat(racm.find(r.id())).isPresent();
    }

    @Test
    void aConnectionReplacedByANewerOneIsNoDisconnection() {
        Channel c = channels.createWebSocket(ALICE, null, "ws://h");
        ListSink old = new ListSink();
        channels.attach(c.wsCredential(), old, null);
        Registration r = racm.create(ALICE, UUID.randomUUID(), c.id(), null, null);
        channels.attach(c.wsCredential(), new ListSink(), 0L); // takes over (4409 to the old one)
        channels.detach(c.wsCredential(), old);
        clock.advance(GRACE.multipliedBy(2));
        assertThat(rule.sweep()).isZero();
        assertThat(racm.find(r.id())).isPresent();
    }

    @Test
    void aChannelThatWasNeverConnectedAndOtherChannelTypesAreNotSubject() {
        Channel never = channels.createWebSocket(ALICE, null, "ws://h");
        Registration onNever = racm.create(ALICE, UUID.randomUUID(), never.id(), null, null);
        Channel push = channels.createPush(ALICE, null, "push-token-1");
        Registration onPush = racm.create(ALICE, UUID.randomUUID(), push.id(), null, null);
        assertThat(onPush.disconnectGrace()).isNull();
        clock.advance(GRACE.multipliedBy(2));
        assertThat(rule.sweep()).isZero();
        assertThat(racm.find(onNever.id())).isPresent();
        assertThat(racm.find(onPush.id())).isPresent();
    }
}
