package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.byon.gateway.voice.VoiceStatus;
import org.junit.jupiter.api.Test;

/** A client DELETE racing a network release: exactly one terminal event per leg, no leaked session. */
class DeleteReleaseRaceIT extends GatewayITSupport {
    static final int ITERATIONS = 200;

    @Test
    void deleteRacingANetworkReleaseYieldsExactlyOneTerminalEventPerLeg() throws Exception {
        smartphone("bob", "OFF");
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        String aliceToken = token("alice");
        List<String[]> legs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < ITERATIONS; i++) {
                String out = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("bob")), null)
                        .getVoiceSessionId();
                String in = bob.ws().awaitInvitation(i);
                if (i % 2 == 1) {
                    voice("bob").updateVoiceSessionStatus(in, new VoiceSessionStatusChange()
                            .status(VoiceSessionStatusRequest.CONNECTED)
                            .answer(new SdpDescriptor().sdp(ANSWER)), null);
                }
                String callId = callIdOf(in);
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return http("DELETE", "/byon/v0.2/voice/sessions/" + out, aliceToken, null).statusCode();
                }, pool);
                CompletableFuture<Integer> network = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return http("DELETE", "/simulator/v1/calls/" + callId, null, null).statusCode();
                }, pool);
                go.countDown();
                assertThat(client.get()).isIn(204, 404);
                assertThat(network.get()).isIn(204, 404);
                alice.ws().await(e -> isTerminalOf(e, out));
                bob.ws().await(e -> isTerminalOf(e, in));
                HttpResponse<String> gone = http("GET", "/byon/v0.2/voice/sessions/" + out, aliceToken, null);
                assertThat(gone.statusCode()).isEqualTo(404);
                legs.add(new String[] {out, in});
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(voiceService.sessionCount()).isZero();
        assertThat(voiceService.callCount()).isZero();
        Thread.sleep(200); // let any (wrong) duplicate frame arrive
        for (String[] pair : legs) {
            assertThat(alice.ws().statuses(pair[0]).stream().filter(DeleteReleaseRaceIT::terminal))
                    .as("terminal events of caller leg %s", pair[0]).hasSize(1);
            assertThat(bob.ws().statuses(pair[1]).stream().filter(DeleteReleaseRaceIT::terminal))
                    .as("terminal events of callee leg %s", pair[1]).hasSize(1);
        }
        alice.ws().assertValid();
        bob.ws().assertValid();
    }

    private static boolean isTerminalOf(com.fasterxml.jackson.databind.JsonNode e, String id) {
        return e.path("data").path("voiceSessionId").asText().equals(id)
                && e.path("type").asText().endsWith("session-status")
                && VoiceStatus.valueOf(e.path("data").path("status").asText()).terminal();
    }

    private static boolean terminal(String status) {
        return VoiceStatus.valueOf(status.split("/")[0]).terminal();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
