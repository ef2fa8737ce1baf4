package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.junit.jupiter.api.Test;

/**
 * Incoming calls in SIP mode: a SIPp caller calls a subscriber through Kamailio, which forks the INVITE to every
 * contact of the identity (the web endpoints' bindings and, where registered, a SIPp smartphone). Each SIPp
 * process's exit code proves the SIP side (e.g. the 603, the 486, the CANCEL's Reason).
 */
class SipIncomingIT extends SipGatewayITSupport {

    private void put(String name, String id, VoiceSessionStatusRequest status, String answer) throws ApiException {
        VoiceSessionStatusChange change = new VoiceSessionStatusChange().status(status);
        if (answer != null) {
            change.answer(new SdpDescriptor().sdp(answer));
        }
        voice(name).updateVoiceSessionStatus(id, change, null);
    }

    @Test
    void forkedToTwoEndpointsOneAnswersTheOtherEndsAnsweredElsewhereThenTheCallerHangsUp() throws Exception {
        Endpoint bob1 = register("bob");
        Endpoint bob2 = register("bob");
        Process caller = ImsLab.get().call("uac_call_bye", "+447700900002");
        String leg1 = bob1.ws().awaitInvitation(0);
        String leg2 = bob2.ws().awaitInvitation(0);
        assertThat(bob1.ws().awaitType("session-invitation").path("data").path("originatorAddress").asText())
                .isEqualTo("tel:+447700900555"); // from P-Asserted-Identity
        put("bob", leg1, VoiceSessionStatusRequest.RINGING, null);
        put("bob", leg2, VoiceSessionStatusRequest.CONNECTED, ANSWER);
        assertThat(bob1.ws().awaitStatuses(leg1, "Terminated/ANSWERED_ELSEWHERE")).containsExactly("Ringing",
                "Terminated/ANSWERED_ELSEWHERE");
        assertThat(bob2.ws().awaitStatuses(leg2, "Terminated/REMOTE_HANGUP")).containsExactly("Connected",
                "Terminated/REMOTE_HANGUP");
        assertThat(ImsLab.exit(caller)).as("SIPp caller: 200 OK, BYE answered").isZero();
        bob1.ws().assertValid();
        bob2.ws().assertValid();
    }

    @Test
    void declinedIs603ToTheCaller() throws Exception {
        Endpoint carol = register("carol");
        Process caller = ImsLab.get().call("uac_call_fail", "+447700900003");
        String leg = carol.ws().awaitInvitation(0);
        put("carol", leg, VoiceSessionStatusRequest.DECLINED, null);
        assertThat(carol.ws().awaitStatuses(leg, "Declined/DECLINED")).containsExactly("Declined/DECLINED");
        assertThat(ImsLab.exit(caller)).as("SIPp caller got the 603").isZero();
    }

    @Test
    void anInviteWithoutValidSdpIs488AndOffersNothing() throws Exception {
        Endpoint carol = register("carol");
        Process caller = ImsLab.get().call("uac_call_badsdp", "+447700900003");
        assertThat(ImsLab.exit(caller)).as("SIPp caller got 488").isZero();
        assertThat(carol.ws().invitations()).isEmpty();
        Process next = ImsLab.get().call("uac_call_fail", "+447700900003"); // the next call is offered as usual
        String leg = carol.ws().awaitInvitation(0);
        put("carol", leg, VoiceSessionStatusRequest.DECLINED, null);
        assertThat(ImsLab.exit(next)).isZero();
    }

    @Test
    void theCallerGivingUpCancelsTheLeg() throws Exception {
        Endpoint carol = register("carol");
        Process caller = ImsLab.get().call("uac_call_cancel", "+447700900003");
        String leg = carol.ws().awaitInvitation(0);
        put("carol", leg, VoiceSessionStatusRequest.RINGING, null);
        assertThat(carol.ws().awaitStatuses(leg, "SessionCancelled/CALLER_CANCELLED")).containsExactly("Ringing",
                "SessionCancelled/CALLER_CANCELLED");
        assertThat(ImsLab.exit(caller)).as("SIPp caller: CANCEL 200, INVITE 487").isZero();
    }

    @Test
    void theEndpointHangsUpWithBye() throws Exception {
        Endpoint carol = register("carol");
        Process caller = ImsLab.get().call("uac_call_wait", "+447700900003");
        String leg = carol.ws().awaitInvitation(0);
        put("carol", leg, VoiceSessionStatusRequest.CONNECTED, ANSWER);
        carol.ws().awaitStatuses(leg, "Connected");
        voice("carol").deleteVoiceSession(leg, null);
        carol.ws().awaitStatuses(leg, "Terminated/LOCAL_HANGUP");
        assertThat(ImsLab.exit(caller)).as("SIPp caller got the BYE").isZero();
    }

    @Test
    void aSubscriberInACallIsBusy486() throws Exception {
        Endpoint dave1 = register("dave");
        Endpoint dave2 = register("dave");
        String out = voice("dave").createVoiceSession(callTo(dave1, "+447700900100"), null).getVoiceSessionId();
        dave1.ws().awaitStatuses(out, "Connected");
        Process caller = ImsLab.get().call("uac_call_fail", "+447700900004");
        assertThat(ImsLab.exit(caller)).as("SIPp caller got 486").isZero();
        assertThat(dave2.ws().invitations()).isEmpty();
        voice("dave").deleteVoiceSession(out, null);
        dave1.ws().awaitStatuses(out, "Terminated/LOCAL_HANGUP");
    }

    @Test
    void aSmartphoneContactRingsInParallelAndIsCancelledWithTheRfc3326ReasonWhenAWebEndpointAnswers()
            throws Exception {
        ImsLab lab = ImsLab.get();
        int phonePort = ImsLab.freePort();
        Process phone = lab.sipp("phone_ring", "+447700900001", phonePort, "-m", "1");
        Process reg = lab.call("register", "+447700900001", "-au", "+447700900001", "-ap", "alice-sip",
                "-set", "contact_host", "127.0.0.1", "-set", "contact_port", Integer.toString(phonePort),
                "-set", "expires", "60");
        assertThat(ImsLab.exit(reg)).as("smartphone REGISTER with digest").isZero();
        try {
            Endpoint alice = register("alice");
            Process caller = lab.call("uac_call_bye", "+447700900001");
            String leg = alice.ws().awaitInvitation(0);
            put("alice", leg, VoiceSessionStatusRequest.CONNECTED, ANSWER);
            assertThat(alice.ws().awaitStatuses(leg, "Terminated/REMOTE_HANGUP")).containsExactly("Connected",
                    "Terminated/REMOTE_HANGUP");
            assertThat(ImsLab.exit(phone)).as("smartphone cancelled with Reason cause=200: "
                    + lab.log("phone_ring", phonePort)).isZero();
            assertThat(ImsLab.exit(caller)).isZero();
        } finally {
            Process unreg = lab.call("register", "+447700900001", "-au", "+447700900001", "-ap", "alice-sip",
                    "-set", "contact_host", "127.0.0.1", "-set", "contact_port", Integer.toString(phonePort),
                    "-set", "expires", "0");
            ImsLab.exit(unreg);
        }
    }

    @Test
    void theSmartphoneAnsweringFirstEndsTheWebLegsAnsweredElsewhere() throws Exception {
        ImsLab lab = ImsLab.get();
        int phonePort = ImsLab.freePort();
        Process phone = lab.sipp("phone_answer", "+447700900001", phonePort, "-m", "1");
        Process reg = lab.call("register", "+447700900001", "-au", "+447700900001", "-ap", "alice-sip",
                "-set", "contact_host", "127.0.0.1", "-set", "contact_port", Integer.toString(phonePort),
                "-set", "expires", "60");
        assertThat(ImsLab.exit(reg)).isZero();
        try {
            Endpoint alice1 = register("alice");
            Endpoint alice2 = register("alice");
            Process caller = lab.call("uac_call_bye", "+447700900001");
            String leg1 = alice1.ws().awaitInvitation(0);
            String leg2 = alice2.ws().awaitInvitation(0);
            assertThat(alice1.ws().awaitStatuses(leg1, "Terminated/ANSWERED_ELSEWHERE"))
                    .containsExactly("Terminated/ANSWERED_ELSEWHERE");
            assertThat(alice2.ws().awaitStatuses(leg2, "Terminated/ANSWERED_ELSEWHERE"))
                    .containsExactly("Terminated/ANSWERED_ELSEWHERE");
            assertThat(ImsLab.exit(caller)).isZero();
            assertThat(ImsLab.exit(phone)).isZero();
        } finally {
            ImsLab.exit(lab.call("register", "+447700900001", "-au", "+447700900001", "-ap", "alice-sip",
                    "-set", "contact_host", "127.0.0.1", "-set", "contact_port", Integer.toString(phonePort),
                    "-set", "expires", "0"));
        }
    }

    @Test
    void aCallBetweenTwoSubscribersGoesThroughTheCoreAndBackWithHoldAndHangup() throws Exception {
        Endpoint alice = register("alice");
        Endpoint bob1 = register("bob");
        Endpoint bob2 = register("bob");
        String out = voice("alice").createVoiceSession(callTo(alice, "+447700900002"), null).getVoiceSessionId();
        String in1 = bob1.ws().awaitInvitation(0);
        String in2 = bob2.ws().awaitInvitation(0);
        put("bob", in1, VoiceSessionStatusRequest.RINGING, null); // bob1's 180 reaches alice through the core
        alice.ws().awaitStatuses(out, "Ringing");
        put("bob", in2, VoiceSessionStatusRequest.CONNECTED, ANSWER);
        alice.ws().awaitStatuses(out, "Connected");
        bob1.ws().awaitStatuses(in1, "Terminated/ANSWERED_ELSEWHERE");
        voice("alice").updateVoiceSessionStatus(out, new VoiceSessionStatusChange()
                .status(VoiceSessionStatusRequest.HOLD).offer(new SdpDescriptor().sdp(SipOutgoingIT.HOLD_OFFER)), null);
        bob2.ws().awaitStatuses(in2, "Hold");
        voice("alice").deleteVoiceSession(out, null);
        assertThat(bob2.ws().awaitStatuses(in2, "Terminated/REMOTE_HANGUP")).containsExactly("Connected", "Hold",
                "Terminated/REMOTE_HANGUP");
        assertThat(alice.ws().awaitStatuses(out, "Terminated/LOCAL_HANGUP")).containsExactly("Ringing", "Connected",
                "Hold", "Terminated/LOCAL_HANGUP");
    }

    @Test
    void aRegistrationTheNetworkRefusesIs403AndARefusedRefreshEndsItNetworkTerminated() throws Exception {
        Endpoint erin = register("erin");
        ImsLab.get().kamcmd("htable.sets", "blocked", "s:+447700900005", "s:1");
        try {
            ApiException e = catchApi(() -> register("erin"));
            assertError(e, 403, "PERMISSION_DENIED");
            ApiException refresh = catchApi(() -> racm("erin").updateRacmSession(erin.racmSessionId(),
                    new org.byon.gateway.it.client.model.UpdateRacmSession(), null));
            assertThat(refresh.getCode()).isEqualTo(403);
            assertThat(erin.ws().awaitType("registration-ends").path("data").path("terminationReason").asText())
                    .isEqualTo("NETWORK_TERMINATED");
        } finally {
            ImsLab.get().kamcmd("htable.delete", "blocked", "s:+447700900005");
        }
    }
}
