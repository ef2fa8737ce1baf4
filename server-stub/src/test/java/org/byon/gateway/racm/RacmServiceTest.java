package org.byon.gateway.racm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventHook;
import org.byon.gateway.channel.RecordingPushSender;
import org.byon.gateway.channel.WebhookUrlGuard;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.network.simulated.SimulatedNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registrations indexed by subscriber and by channel: the per-subscriber limit and the deviceId check see the
 * subscriber's own registrations only (and stay one decision under concurrent creates), lookups and channel ends
 * find exactly the registrations they concern, and an ended registration leaves every index.
 */
class RacmServiceTest {
    static final Owner ALICE = new Owner("alice", "+447700900001");
    static final Owner BOB = new Owner("bob", "+447700900002");
    static final int MAX = 3;

    NetworkScheduler scheduler;
    ChannelService channels;
    RacmService racm;

    @BeforeEach
    void setUp() {
        scheduler = new NetworkScheduler(1);
        channels = new ChannelService(scheduler, null, new RecordingPushSender(), new WebhookUrlGuard(true),
                Visibility.OWNER, EventHook.NONE, java.time.Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(24),
                1000, Duration.ofMinutes(15));
        SubscriberDirectory directory = new SubscriberDirectory(SubscriberDirectory.DEMO);
        SimulatedNetwork network = new SimulatedNetwork(directory, scheduler, Duration.ofSeconds(30), Duration.ofMillis(50));
        racm = new RacmService(channels, network, scheduler, Visibility.OWNER, java.time.Clock.systemUTC(),
                Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofHours(1), MAX);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private Registration register(Owner owner, Channel c) {
        return racm.create(owner, UUID.randomUUID(), c.id(), null, null);
    }

    @Test
    void theLimitAndTheDeviceCheckCountTheSubscribersOwnRegistrationsOnly() {
        Channel a = channels.createWebSocket(ALICE, null, "ws://h");
        Channel b = channels.createWebSocket(BOB, null, "ws://h");
        UUID device = UUID.randomUUID();
        Registration first = racm.create(ALICE, device, a.id(), null, null);
        // another subscriber may use the same deviceId, and Alice's registrations do not count against Bob's limit
        racm.create(BOB, device, b.id(), null, null);
        assertThatThrownBy(() -> racm.create(ALICE, device, a.id(), null, null))
                .isInstanceOfSatisfying(ByonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        register(ALICE, a);
        register(ALICE, a);
        assertThatThrownBy(() -> register(ALICE, a)).isInstanceOfSatisfying(ByonException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MAX_REGISTRATION_PER_USER));
        register(BOB, b);
        register(BOB, b);

        // an ended registration frees its place and its deviceId
        racm.end(first, RegistrationEndReason.DELETED);
        Registration again = racm.create(ALICE, device, a.id(), null, null);
        assertThat(racm.registrationsOf(ALICE.phoneNumber())).hasSize(MAX).contains(again).doesNotContain(first);
    }

    @Test
    void registrationsOfListsTheSubscribersLiveRegistrationsOldestFirst() {
        Channel a = channels.createWebSocket(ALICE, null, "ws://h");
        Channel b = channels.createWebSocket(BOB, null, "ws://h");
        Registration a1 = register(ALICE, a);
        Registration b1 = register(BOB, b);
        Registration a2 = register(ALICE, a);
        assertThat(racm.registrationsOf(ALICE.phoneNumber())).containsExactly(a1, a2);
        assertThat(racm.registrationsOf(BOB.phoneNumber())).containsExactly(b1);
        racm.end(a1, RegistrationEndReason.DELETED);
        assertThat(racm.registrationsOf(ALICE.phoneNumber())).containsExactly(a2);
        assertThat(racm.registrationsOf("+447700900999")).isEmpty();
    }

    @Test
    void aChannelsEndEndsTheRegistrationsOnItOnly() {
        Channel a1 = channels.createWebSocket(ALICE, null, "ws://h");
        Channel a2 = channels.createWebSocket(ALICE, null, "ws://h");
        Registration on1 = register(ALICE, a1);
        Registration alsoOn1 = register(ALICE, a1);
        Registration on2 = register(ALICE, a2);
        channels.delete(ALICE, a1.id());
        assertThat(on1.ended()).isTrue();
        assertThat(alsoOn1.ended()).isTrue();
        assertThat(on2.ended()).isFalse();
        assertThat(racm.registrationsOf(ALICE.phoneNumber())).containsExactly(on2);
        assertThat(racm.size()).isEqualTo(1);
    }

    @Test
    void concurrentCreatesOfOneSubscriberNeverPassTheLimit() throws Exception {
        Channel a = channels.createWebSocket(ALICE, null, "ws://h");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(pool.submit(() -> {
                    try {
                        register(ALICE, a);
                    } catch (ByonException e) {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.MAX_REGISTRATION_PER_USER);
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            assertThat(racm.registrationsOf(ALICE.phoneNumber())).hasSize(MAX);
            assertThat(refused.get()).isEqualTo(40 - MAX);
        } finally {
            pool.shutdownNow();
        }
    }
}
