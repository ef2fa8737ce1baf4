package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.ApiResponse;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSession;
import org.byon.gateway.it.client.model.VoiceSessionStatus;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.junit.jupiter.api.Test;

class VoiceCallIT extends GatewayITSupport {

    private VoiceSession put(String name, String id, VoiceSessionStatusRequest status, String offer, String answer)
            throws ApiException {
        VoiceSessionStatusChange change = new VoiceSessionStatusChange().status(status);
        if (offer != null) {
            change.offer(new SdpDescriptor().sdp(offer));
        }
        if (answer != null) {
            change.answer(new SdpDescriptor().sdp(answer));
        }
        return voice(name).updateVoiceSessionStatus(id, change, null);
    }

    @Test
    void forkedCallBetweenTwoSubscribersWithHoldResumeAndReleaseFromTheCallee() throws Exception {
        smartphone("bob", "OFF");
        Endpoint alice = register("alice");
        Endpoint bob1 = register("bob");
        Endpoint bob2 = register("bob");

        ApiResponse<VoiceSession> created = voice("alice").createVoiceSessionWithHttpInfo(
                callTo(alice, NUMBERS.get("bob")), "corr-1");
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("location")).singleElement().asString()
                .endsWith("/byon/v0.2/voice/sessions/" + created.getData().getVoiceSessionId());
        VoiceSession out = created.getData();
        assertThat(out.getStatus()).isIn(VoiceSessionStatus.INITIAL, VoiceSessionStatus.IN_PROGRESS,
                VoiceSessionStatus.RINGING);
        assertThat(out.getOriginatorAddress()).isEqualTo("tel:+447700900001");
        String outId = out.getVoiceSessionId();

        // both of bob's endpoints are offered the call
        String leg1 = bob1.ws().awaitInvitation(0);
        String leg2 = bob2.ws().awaitInvitation(0);
        JsonNode invitation = bob1.ws().awaitType("session-invitation");
        assertThat(invitation.path("data").path("originatorAddress").asText()).isEqualTo("tel:+447700900001");
        assertThat(invitation.path("data").path("offer").path("sdp").asText()).isEqualTo(OFFER);
        assertThat(invitation.path("data").path("racmSessionId").asText()).isEqualTo(bob1.racmSessionId());
        VoiceSession incoming = voice("bob").getVoiceSession(leg1, null);
        assertThat(incoming.getStatus()).isEqualTo(VoiceSessionStatus.INITIAL);
        assertThat(incoming.getDirection().getValue()).isEqualTo("Incoming");

        alice.ws().awaitStatuses(outId, "Ringing");
        assertThat(put("bob", leg1, VoiceSessionStatusRequest.RINGING, null, null).getStatus())
                .isEqualTo(VoiceSessionStatus.RINGING);
        VoiceSession answered = put("bob", leg1, VoiceSessionStatusRequest.CONNECTED, null, ANSWER);
        assertThat(answered.getStatus()).isEqualTo(VoiceSessionStatus.CONNECTED);

        assertThat(alice.ws().awaitStatuses(outId, "Connected")).containsExactly("InProgress", "Ringing", "Connected");
        assertThat(alice.ws().statusEvent(outId, "Connected").path("data").path("answer").path("sdp").asText())
                .isEqualTo(ANSWER);
        assertThat(bob2.ws().awaitStatuses(leg2, "Terminated/ANSWERED_ELSEWHERE"))
                .containsExactly("Terminated/ANSWERED_ELSEWHERE");
        ApiException gone = catchApi(() -> voice("bob").getVoiceSession(leg2, null));
        assertError(gone, 404, "NOT_FOUND");
        assertThat(voice("alice").getVoiceSession(outId, null).getAnswer().getSdp()).isEqualTo(ANSWER);

        // hold and resume from the caller, relayed to the callee with the new offer
        assertThat(put("alice", outId, VoiceSessionStatusRequest.HOLD, OFFER + "a=sendonly\r\n", null).getStatus())
                .isEqualTo(VoiceSessionStatus.HOLD);
        JsonNode held = bob1.ws().statusEvent(leg1, "Hold");
        assertThat(held.path("data").path("offer").path("sdp").asText()).contains("a=sendonly");
        assertThat(voice("bob").getVoiceSession(leg1, null).getStatus()).isEqualTo(VoiceSessionStatus.HOLD);
        ApiException twice = catchApi(() -> put("alice", outId, VoiceSessionStatusRequest.HOLD, OFFER, null));
        assertError(twice, 409, "INCOMPATIBLE_STATE");
        assertThat(put("alice", outId, VoiceSessionStatusRequest.RESUME, OFFER, null).getStatus())
                .isEqualTo(VoiceSessionStatus.CONNECTED);
        assertThat(bob1.ws().awaitStatusList(leg1, "Ringing", "Connected", "Hold", "Connected"))
                .containsExactly("Ringing", "Connected", "Hold", "Connected");

        // the callee hangs up: the caller gets REMOTE_HANGUP
        voice("bob").deleteVoiceSession(leg1, null);
        assertThat(alice.ws().awaitStatuses(outId, "Terminated/REMOTE_HANGUP")).containsExactly(
                "InProgress", "Ringing", "Connected", "Hold", "Connected", "Terminated/REMOTE_HANGUP");
        assertThat(bob1.ws().awaitStatuses(leg1, "Terminated/LOCAL_HANGUP")).last().isEqualTo("Terminated/LOCAL_HANGUP");
        assertError(catchApi(() -> voice("alice").getVoiceSession(outId, null)), 404, "NOT_FOUND");
        assertError(catchApi(() -> voice("alice").deleteVoiceSession(outId, null)), 404, "NOT_FOUND");

        for (Endpoint e : List.of(alice, bob1, bob2)) {
            e.ws().assertValid();
            assertThat(e.ws().sequences().get(0)).isEqualTo(1L);
        }
    }

    @Test
    void callerHangsUpAndTheCalleeGetsRemoteHangup() throws Exception {
        Endpoint alice = register("alice");
        Endpoint carol = register("carol");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("carol")), null).getVoiceSessionId();
        String in = carol.ws().awaitInvitation(0);
        put("carol", in, VoiceSessionStatusRequest.CONNECTED, null, ANSWER);
        alice.ws().awaitStatuses(outId, "Connected");
        // the callee may hold too
        put("carol", in, VoiceSessionStatusRequest.HOLD, OFFER, null);
        assertThat(alice.ws().statusEvent(outId, "Hold").path("data").path("offer").path("sdp").asText()).isEqualTo(OFFER);
        voice("alice").deleteVoiceSession(outId, null);
        assertThat(carol.ws().awaitStatuses(in, "Terminated/REMOTE_HANGUP")).last()
                .isEqualTo("Terminated/REMOTE_HANGUP");
        assertThat(alice.ws().awaitStatuses(outId, "Terminated/LOCAL_HANGUP")).last().isEqualTo("Terminated/LOCAL_HANGUP");
        alice.ws().assertValid();
        carol.ws().assertValid();
    }

    @Test
    void aSubscriberInACallIsBusyForANewCaller() throws Exception {
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        Endpoint carol = register("carol");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("bob")), null).getVoiceSessionId();
        put("bob", bob.ws().awaitInvitation(0), VoiceSessionStatusRequest.CONNECTED, null, ANSWER);
        alice.ws().awaitStatuses(outId, "Connected");

        String second = voice("carol").createVoiceSession(callTo(carol, NUMBERS.get("bob")), null).getVoiceSessionId();
        assertThat(carol.ws().awaitStatuses(second, "Busy/BUSY")).containsExactly("InProgress", "Busy/BUSY");
        assertThat(bob.ws().invitations()).hasSize(1);
        carol.ws().assertValid();
    }

    @Test
    void aDeclineFromOneEndpointDeclinesTheCallEverywhere() throws Exception {
        smartphone("bob", "OFF");
        Endpoint alice = register("alice");
        Endpoint bob1 = register("bob");
        Endpoint bob2 = register("bob");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("bob")), null).getVoiceSessionId();
        String leg1 = bob1.ws().awaitInvitation(0);
        String leg2 = bob2.ws().awaitInvitation(0);
        assertThat(put("bob", leg1, VoiceSessionStatusRequest.DECLINED, null, null).getStatus())
                .isEqualTo(VoiceSessionStatus.DECLINED);
        assertThat(alice.ws().awaitStatuses(outId, "Declined/DECLINED")).last().isEqualTo("Declined/DECLINED");
        assertThat(bob2.ws().awaitStatuses(leg2, "SessionCancelled/DECLINED")).containsExactly("SessionCancelled/DECLINED");
        assertThat(bob1.ws().awaitStatuses(leg1, "Declined/DECLINED")).containsExactly("Declined/DECLINED");
        alice.ws().assertValid();
        bob2.ws().assertValid();
    }

    @Test
    void deleteBeforeAnswerDeclinesAnIncomingLegAndCancelsAnOutgoingOne() throws Exception {
        Endpoint alice = register("alice");
        Endpoint dave = register("dave");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("dave")), null).getVoiceSessionId();
        String in = dave.ws().awaitInvitation(0);
        voice("alice").deleteVoiceSession(outId, null);
        assertThat(alice.ws().awaitStatuses(outId, "SessionCancelled/LOCAL_HANGUP")).last()
                .isEqualTo("SessionCancelled/LOCAL_HANGUP");
        assertThat(dave.ws().awaitStatuses(in, "SessionCancelled/CALLER_CANCELLED"))
                .containsExactly("SessionCancelled/CALLER_CANCELLED");

        String second = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("dave")), null).getVoiceSessionId();
        String in2 = dave.ws().awaitInvitation(1);
        voice("dave").deleteVoiceSession(in2, null);
        assertThat(alice.ws().awaitStatuses(second, "Declined/DECLINED")).last().isEqualTo("Declined/DECLINED");
        assertThat(dave.ws().awaitStatuses(in2, "Declined/DECLINED")).containsExactly("Declined/DECLINED");
        alice.ws().assertValid();
        dave.ws().assertValid();
    }

    @Test
    void unansweredCallEndsNoAnswerAfterTheRingTimer() throws Exception {
        Endpoint alice = register("alice");
        Endpoint erin = register("erin");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("erin")), null).getVoiceSessionId();
        String in = erin.ws().awaitInvitation(0);
        assertThat(alice.ws().awaitStatuses(outId, "NoAnswer/NO_ANSWER")).containsExactly("InProgress", "Ringing",
                "NoAnswer/NO_ANSWER");
        assertThat(erin.ws().awaitStatuses(in, "NoAnswer/NO_ANSWER")).containsExactly("NoAnswer/NO_ANSWER");
    }

    @Test
    void externalTestNumbersBehaveAsDocumented() throws Exception {
        Endpoint alice = register("alice");
        String answers = voice("alice").createVoiceSession(callTo(alice, "+447700900100"), null).getVoiceSessionId();
        String busy = voice("alice").createVoiceSession(callTo(alice, "+447700900101"), null).getVoiceSessionId();
        String declines = voice("alice").createVoiceSession(callTo(alice, "+447700900103"), null).getVoiceSessionId();
        String unknown = voice("alice").createVoiceSession(callTo(alice, "+447700900999"), null).getVoiceSessionId();
        assertThat(alice.ws().awaitStatuses(answers, "Connected")).containsExactly("InProgress", "Ringing", "Connected");
        assertThat(alice.ws().statusEvent(answers, "Connected").path("data").path("answer").path("sdp").asText())
                .contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n", "a=fingerprint:sha-256 ", "a=ice-ufrag:", "a=setup:active");
        assertThat(alice.ws().awaitStatuses(busy, "Busy/BUSY")).containsExactly("InProgress", "Busy/BUSY");
        assertThat(alice.ws().awaitStatuses(declines, "Declined/DECLINED"))
                .containsExactly("InProgress", "Ringing", "Declined/DECLINED");
        assertThat(alice.ws().awaitStatuses(unknown, "NotReachable/NOT_REACHABLE"))
                .containsExactly("InProgress", "NotReachable/NOT_REACHABLE");
        String noAnswer = voice("alice").createVoiceSession(callTo(alice, "+447700900102"), null).getVoiceSessionId();
        assertThat(alice.ws().awaitStatuses(noAnswer, "NoAnswer/NO_ANSWER")).containsExactly("InProgress", "Ringing",
                "NoAnswer/NO_ANSWER");
        voice("alice").deleteVoiceSession(answers, null);
        alice.ws().assertValid();
    }

    @Test
    void theSmartphoneRingsTooAndMayTakeTheCall() throws Exception {
        smartphone("bob", "ANSWER");
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("bob")), null).getVoiceSessionId();
        String in = bob.ws().awaitInvitation(0);
        assertThat(bob.ws().awaitStatuses(in, "Terminated/ANSWERED_ELSEWHERE")).containsExactly(
                "Terminated/ANSWERED_ELSEWHERE");
        alice.ws().awaitStatuses(outId, "Connected");
        smartphone("carol", "BUSY");
        String toCarol = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("carol")), null)
                .getVoiceSessionId();
        alice.ws().awaitStatuses(toCarol, "Busy/BUSY");
        smartphone("dave", "OFF");
        String toDave = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("dave")), null)
                .getVoiceSessionId();
        alice.ws().awaitStatuses(toDave, "NotReachable/NOT_REACHABLE");
        alice.ws().assertValid();
    }

    @Test
    void inboundCallInjectedBySimulatorRingsEveryEndpointAndCanBeReleasedByTheNetwork() throws Exception {
        Endpoint carol1 = register("carol");
        Endpoint carol2 = register("carol");
        HttpResponse<String> r = http("POST", "/simulator/v1/calls", null,
                "{\"from\":\"+447700900555\",\"to\":\"+447700900003\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String callId = json(r.body()).path("callId").asText();
        String leg1 = carol1.ws().awaitInvitation(0);
        String leg2 = carol2.ws().awaitInvitation(0);
        assertThat(carol1.ws().awaitType("session-invitation").path("data").path("originatorAddress").asText())
                .isEqualTo("tel:+447700900555");
        put("carol", leg2, VoiceSessionStatusRequest.CONNECTED, null, ANSWER);
        carol1.ws().awaitStatuses(leg1, "Terminated/ANSWERED_ELSEWHERE");
        JsonNode live = json(http("GET", "/simulator/v1/calls", null, null).body());
        assertThat(live.toString()).contains(callId).contains("CONNECTED");
        assertThat(http("DELETE", "/simulator/v1/calls/" + callId, null, null).statusCode()).isEqualTo(204);
        assertThat(carol2.ws().awaitStatuses(leg2, "Terminated/REMOTE_HANGUP")).containsExactly("Connected",
                "Terminated/REMOTE_HANGUP");
        assertThat(http("DELETE", "/simulator/v1/calls/" + callId, null, null).statusCode()).isEqualTo(404);
        carol1.ws().assertValid();
        carol2.ws().assertValid();
    }

    @Test
    void createVoiceSessionErrors() throws Exception {
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        // caller-id spoofing
        assertError(catchApi(() -> voice("alice").createVoiceSession(callTo(alice, "+447700900100")
                .originatorAddress("tel:+447700900002"), null)), 403, "PERMISSION_DENIED");
        // someone else's registration
        assertError(catchApi(() -> voice("alice").createVoiceSession(callTo(bob, "+447700900100"), null)), 422,
                "BYON.UNKNOWN_RACM_SESSION");
        // not SDP
        HttpResponse<String> r = http("POST", "/byon/v0.2/voice/sessions", token("alice"),
                "{\"racmSessionId\":\"" + alice.racmSessionId() + "\",\"receiverAddress\":\"tel:+447700900100\","
                        + "\"offer\":{\"sdp\":\"v=0\\r\\ns=-\\r\\n\"}}");
        assertError(r, 400, "INVALID_ARGUMENT");
        assertThat(json(r.body()).path("message").asText()).contains("m=audio").contains("o=");
        // missing receiver, unknown callType
        assertError(http("POST", "/byon/v0.2/voice/sessions", token("alice"),
                "{\"racmSessionId\":\"" + alice.racmSessionId() + "\",\"offer\":{\"sdp\":\"x\"}}"), 400,
                "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/voice/sessions", token("alice"),
                "{\"racmSessionId\":\"" + alice.racmSessionId() + "\",\"receiverAddress\":\"tel:+447700900100\","
                        + "\"offer\":{\"sdp\":\"x\"},\"callType\":\"VIDEO\"}"), 400, "INVALID_ARGUMENT");
        // own number as originator is fine
        VoiceSession ok = voice("alice").createVoiceSession(callTo(alice, "+447700900102")
                .originatorAddress("tel:+447700900001"), null);
        // an outgoing leg cannot answer; Connected needs an answer; Hold needs an offer
        assertError(catchApi(() -> put("alice", ok.getVoiceSessionId(), VoiceSessionStatusRequest.CONNECTED, null,
                ANSWER)), 409, "INCOMPATIBLE_STATE");
        assertError(http("PUT", "/byon/v0.2/voice/sessions/" + ok.getVoiceSessionId() + "/status", token("alice"),
                "{\"status\":\"Connected\"}"), 400, "INVALID_ARGUMENT");
        assertError(http("PUT", "/byon/v0.2/voice/sessions/" + ok.getVoiceSessionId() + "/status", token("alice"),
                "{\"status\":\"Hold\"}"), 400, "INVALID_ARGUMENT");
        assertError(http("PUT", "/byon/v0.2/voice/sessions/" + ok.getVoiceSessionId() + "/status", token("alice"),
                "{\"status\":\"Terminated\"}"), 400, "INVALID_ARGUMENT");
        // another subscriber's voice session is not found
        assertError(catchApi(() -> voice("bob").getVoiceSession(ok.getVoiceSessionId(), null)), 404, "NOT_FOUND");
        assertError(catchApi(() -> voice("bob").deleteVoiceSession(ok.getVoiceSessionId(), null)), 404, "NOT_FOUND");
        assertError(catchApi(() -> put("bob", ok.getVoiceSessionId(), VoiceSessionStatusRequest.RINGING, null, null)),
                404, "NOT_FOUND");
        voice("alice").deleteVoiceSession(ok.getVoiceSessionId(), null);
    }

    @Test
    void deletingTheRegistrationReleasesItsCalls() throws Exception {
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        String outId = voice("alice").createVoiceSession(callTo(alice, NUMBERS.get("bob")), null).getVoiceSessionId();
        String in = bob.ws().awaitInvitation(0);
        put("bob", in, VoiceSessionStatusRequest.CONNECTED, null, ANSWER);
        alice.ws().awaitStatuses(outId, "Connected");
        racm("bob").deleteRacmSession(bob.racmSessionId(), null);
        assertThat(bob.ws().awaitStatuses(in, "Terminated/REGISTRATION_ENDED")).last()
                .isEqualTo("Terminated/REGISTRATION_ENDED");
        JsonNode ends = bob.ws().awaitType("registration-ends");
        assertThat(ends.path("data").path("terminationReason").asText()).isEqualTo("DELETED");
        assertThat(ends.path("sequence").asLong()).isGreaterThan(bob.ws().statusEvent(in, "Terminated")
                .path("sequence").asLong());
        assertThat(alice.ws().awaitStatuses(outId, "Terminated/REMOTE_HANGUP")).last()
                .isEqualTo("Terminated/REMOTE_HANGUP");
        bob.ws().assertValid();
    }
}
