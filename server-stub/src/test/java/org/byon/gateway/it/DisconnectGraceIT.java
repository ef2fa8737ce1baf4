package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.model.RacmSession;
import org.byon.gateway.it.client.model.VoiceSession;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Closing the browser ends the registration: with a 1 s grace period (its own context), a WebSocket that stays
 * closed ends its registration with CHANNEL_DISCONNECTED, the call ringing only it is released (the caller's leg ends
 * NotReachable) and a new call no longer rings it. (The reconnect-within-the-period and never-connected cases run on a test clock in DisconnectGraceTest.)
 */
// the ring timeout is long so that the ringing leg is released by the rule, not by the ring timer
@TestPropertySource(properties = {"byon.racm.disconnect-grace=1s", "byon.voice.ring-timeout=60s"})
class DisconnectGraceIT extends GatewayITSupport {

    @Test
    void aRegistrationWhoseChannelStaysDisconnectedEndsAndNoLongerRings() throws Exception {
        smartphone("alice", "OFF");
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        RacmSession session = racm("alice").getRacmSession(alice.racmSessionId(), null);
        assertThat(session.getDisconnectGraceSeconds()).as("the gateway declares the rule").isEqualTo(1);

        VoiceSession first = voice("bob").createVoiceSession(callTo(bob, NUMBERS.get("alice")), null);
        String leg = alice.ws().awaitInvitation(0);
        assertThat(voice("alice").getVoiceSession(leg, null).getStatus().getValue()).isEqualTo("Initial");

        alice.ws().close(); // the page is closed
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertError(catchApi(() -> racm("alice").getRacmSession(alice.racmSessionId(), null)), 404, "NOT_FOUND"));
        // the leg that rang the registration is released; it was the only fork (the smartphone is off), so the
        // network gives the caller the 480 of that fork (RFC 3261 section 16.7): bob's call no longer rings
        assertError(catchApi(() -> voice("alice").getVoiceSession(leg, null)), 404, "NOT_FOUND");
        assertThat(bob.ws().awaitStatuses(first.getVoiceSessionId(), "NotReachable/NOT_REACHABLE")).isNotEmpty();

        // the events are retained for a reconnect of that channel: the leg released, then registration-ends
        WsEvents again = WsEvents.connect(wsUrl(alice) + "?lastSequence=0");
        var ends = again.awaitType("registration-ends");
        assertThat(again.statuses(leg)).last().isEqualTo("SessionCancelled/REGISTRATION_ENDED");
        assertThat(ends.path("data").path("terminationReason").asText()).isEqualTo("CHANNEL_DISCONNECTED");
        assertThat(ends.path("data").path("racmSessionId").asText()).isEqualTo(alice.racmSessionId());
        again.close();

        // a new call no longer rings it
        VoiceSession second = voice("bob").createVoiceSession(callTo(bob, NUMBERS.get("alice")), null);
        assertThat(bob.ws().awaitStatuses(second.getVoiceSessionId(), "NotReachable/NOT_REACHABLE")).isNotEmpty();
        assertThat(alice.ws().invitations()).hasSize(1);
        bob.ws().close();
    }

    private String wsUrl(Endpoint e) throws ApiException {
        return channels(e.name()).getNotificationChannel(e.channelId(), null).getWebSocketNotificationChannel()
                .getChannelData().getChannelURL().toString();
    }
}
