package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSession;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.junit.jupiter.api.Test;

/**
 * Outgoing calls in SIP mode against the IMS lab: one test per row of the contract's SIP mapping table, with
 * the SIPp far end (or Kamailio itself) producing the response; CANCEL, BYE, hold by either side.
 */
class SipOutgoingIT extends SipGatewayITSupport {
    static final String HOLD_OFFER = OFFER.replace("a=rtpmap:111 opus/48000/2\r\n",
            "a=rtpmap:111 opus/48000/2\r\na=sendonly\r\n");

    private String call(Endpoint from, String number) throws ApiException {
        return voice(from.name()).createVoiceSession(callTo(from, number), null).getVoiceSessionId();
    }

    private VoiceSession put(String name, String id, VoiceSessionStatusRequest status, String offer)
            throws ApiException {
        return voice(name).updateVoiceSessionStatus(id, new VoiceSessionStatusChange().status(status)
                .offer(new SdpDescriptor().sdp(offer)), null);
    }

    @Test
    void answered183Then180Then200WithTheFarEndsSdpThenHoldAndLocalHangup() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900100");
        alice.ws().awaitStatuses(id, "Connected");
        JsonNode connected = alice.ws().statusEvent(id, "Connected");
        assertThat(connected.path("data").path("answer").path("sdp").asText()).contains("o=sipp")
                .contains("m=audio");
        VoiceSession held = put("alice", id, VoiceSessionStatusRequest.HOLD, HOLD_OFFER);
        assertThat(held.getStatus().getValue()).isEqualTo("Hold");
        assertThat(held.getAnswer().getSdp()).contains("o=sipp"); // the far end's answer to the re-INVITE, relayed
        voice("alice").deleteVoiceSession(id, null);
        assertThat(alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP"))
                .containsExactly("InProgress", "Ringing", "Connected", "Hold", "Terminated/LOCAL_HANGUP");
        alice.ws().assertValid();
    }

    @Test
    void queued182IsInProgressThenConnected() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900108");
        assertThat(alice.ws().awaitStatuses(id, "Connected")).containsExactly("InProgress", "Connected");
        voice("alice").deleteVoiceSession(id, null);
        alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP");
    }

    @Test
    void busy486() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900101");
        assertThat(alice.ws().awaitStatuses(id, "Busy/BUSY")).containsExactly("Ringing", "Busy/BUSY");
    }

    @Test
    void decline603() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900103");
        assertThat(alice.ws().awaitStatuses(id, "Declined/DECLINED")).containsExactly("Ringing", "Declined/DECLINED");
    }

    @Test
    void neverAnswered408FromTheCoresTimer() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900102");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> alice.ws().statuses(id).contains("NoAnswer/NO_ANSWER"));
        assertThat(alice.ws().statuses(id)).containsExactly("Ringing", "NoAnswer/NO_ANSWER");
    }

    @Test
    void notReachable480And404() throws Exception {
        Endpoint alice = register("alice");
        String unavailable = call(alice, "+447700900104");
        String unknown = call(alice, "+447700900999");
        alice.ws().awaitStatuses(unavailable, "NotReachable/NOT_REACHABLE");
        alice.ws().awaitStatuses(unknown, "NotReachable/NOT_REACHABLE");
        assertThat(alice.ws().statuses(unknown)).containsExactly("NotReachable/NOT_REACHABLE"); // 404 from Kamailio
    }

    @Test
    void otherFailure500IsFailed() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900107");
        assertThat(alice.ws().awaitStatuses(id, "Failed/NETWORK_FAILURE")).containsExactly("Ringing",
                "Failed/NETWORK_FAILURE");
    }

    @Test
    void deleteBeforeTheAnswerCancels487() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900102");
        alice.ws().awaitStatuses(id, "Ringing");
        voice("alice").deleteVoiceSession(id, null);
        assertThat(alice.ws().awaitStatuses(id, "SessionCancelled/LOCAL_HANGUP")).containsExactly("Ringing",
                "SessionCancelled/LOCAL_HANGUP");
    }

    @Test
    void farEndByeIsRemoteHangup() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900105");
        assertThat(alice.ws().awaitStatuses(id, "Terminated/REMOTE_HANGUP")).containsExactly("Ringing", "Connected",
                "Terminated/REMOTE_HANGUP");
    }

    @Test
    void farEndReInviteHoldsTheCallAnsweredOnTheEndpointsBehalf() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900106");
        JsonNode hold = alice.ws().statusEvent(id, "Hold");
        assertThat(hold.path("data").path("offer").path("sdp").asText()).contains("a=sendonly");
        assertThat(hold.path("data").path("answer").path("sdp").asText()).contains("a=recvonly")
                .contains("UDP/TLS/RTP/SAVPF"); // alice's own SDP, direction mirrored
        voice("alice").deleteVoiceSession(id, null);
        assertThat(alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP")).containsExactly("Ringing", "Connected",
                "Hold", "Terminated/LOCAL_HANGUP");
    }

    @Test
    void theCoresDigestChallengeOfTheInviteIsAnsweredWithTheCallersCredentials() throws Exception {
        ImsLab lab = ImsLab.get();
        Endpoint alice = register("alice");
        long challenges = lab.labCounter("invite_407");
        String id = call(alice, "+447700900100");
        assertThat(alice.ws().awaitStatuses(id, "Connected")).containsExactly("InProgress", "Ringing", "Connected");
        assertThat(lab.labCounter("invite_407")).as("Kamailio challenged the INVITE once")
                .isEqualTo(challenges + 1);
        voice("alice").deleteVoiceSession(id, null);
        alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP");
    }

    @Test
    void aChallengeTheCallerCannotPassFailsTheCall() throws Exception {
        ImsLab lab = ImsLab.get();
        Endpoint alice = register("alice");
        long challenges = lab.labCounter("invite_407");
        lab.kamcmd("htable.sets", "badauth", "s:+447700900001", "s:1");
        try {
            String id = call(alice, "+447700900100");
            assertThat(alice.ws().awaitStatuses(id, "Failed/NETWORK_FAILURE")).containsExactly(
                    "Failed/NETWORK_FAILURE"); // 407 after the credentials: "other 4xx"
            // the first challenge and the one for each answer (the gateway answers at most twice)
            assertThat(lab.labCounter("invite_407")).isEqualTo(challenges + 3);
        } finally {
            lab.kamcmd("htable.delete", "badauth", "s:+447700900001");
        }
    }

    @Test
    void earlyMedia183WithSdpIsInProgressWithTheEarlyAnswerThenConnected() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900112");
        assertThat(alice.ws().awaitStatuses(id, "Connected")).containsExactly("InProgress", "Connected");
        assertThat(alice.ws().statusEvent(id, "InProgress").path("data").path("answer").path("sdp").asText())
                .contains("o=sipp-early").contains("m=audio");
        assertThat(alice.ws().statusEvent(id, "Connected").path("data").path("answer").path("sdp").asText())
                .contains("o=sipp-early");
        alice.ws().assertValid(); // the InProgress event with its answer is valid against byon.yaml
        voice("alice").deleteVoiceSession(id, null);
        alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP");
    }

    @Test
    void a183WithoutSdpCarriesNoAnswer() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900100"); // 183 without SDP, 180, 200
        alice.ws().awaitStatuses(id, "Connected");
        assertThat(alice.ws().statusEvent(id, "InProgress").path("data").has("answer")).isFalse();
        voice("alice").deleteVoiceSession(id, null);
        alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP");
    }
}
