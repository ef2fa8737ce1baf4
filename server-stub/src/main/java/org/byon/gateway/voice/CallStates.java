package org.byon.gateway.voice;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.byon.gateway.network.Sdp;
import org.byon.gateway.network.SubscriberDirectory;

/**
 * The live calls and legs, and the transitions shared by client requests and the network: answer,
 * decline, hold/resume (re-INVITE), hang-up, and ending legs and calls. Every method but the lookups expects
 * the caller to hold the call's lock. A leg's terminal state is set, announced and the leg forgotten in one
 * step, so each leg is announced terminal exactly once. Thread-safe.
 */
final class CallStates {
    final Map<String, VoiceSession> sessions = new ConcurrentHashMap<>();
    final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final SubscriberDirectory directory;
    private final VoiceEvents events;

    CallStates(SubscriberDirectory directory, VoiceEvents events) {
        this.directory = directory;
        this.events = events;
    }

    void emitStatus(VoiceSession leg, String answer, String offer) {
        events.status(leg, answer, offer);
    }

    void emitInvitation(VoiceSession leg) {
        events.invitation(leg);
    }

    /** An incoming web leg answers: it takes the call, the other forks end ANSWERED_ELSEWHERE. */
    void answeredByWeb(Call call, VoiceSession leg, String answer) {
        leg.status = VoiceStatus.Connected;
        leg.answer = answer;
        leg.localSdp = answer;
        emitStatus(leg, answer, null);
        for (VoiceSession other : new ArrayList<>(call.calleeLegs)) {
            if (other != leg) {
                terminate(other, VoiceStatus.Terminated, VoiceReason.ANSWERED_ELSEWHERE);
            }
        }
        connect(call, leg, answer, "web");
    }

    /** The call is answered (by a web leg, or by a far end when {@code answering} is null). */
    void connect(Call call, VoiceSession answering, String answer, String who) {
        call.cancelTimers();
        call.phase = Call.Phase.CONNECTED;
        call.answeredLeg = answering;
        call.answeredBy = who;
        call.smartphoneAlerting = false;
        if (answering == null) {
            call.farEndSdp = answer;
        } else {
            String setup = Sdp.setup(answer); // an answer's role; never actpass in a valid one
            answering.dtlsRole = Sdp.otherRole(Sdp.otherRole(setup));
            if (call.callerLeg != null) {
                call.callerLeg.dtlsRole = Sdp.otherRole(answering.dtlsRole);
            }
        }
        directory.callStarted(call.callerNumber);
        if (call.calleeNumber != null) {
            directory.callStarted(call.calleeNumber);
        }
        call.countedBusy = true;
        VoiceSession caller = call.callerLeg;
        if (caller != null && !caller.terminal()) {
            caller.status = VoiceStatus.Connected;
            caller.answer = answer;
            emitStatus(caller, answer, null);
        }
    }

    /** A callee leg declines before answer: 603 ends the whole forked call (RFC 3261 section 16.7). */
    void declined(Call call, VoiceSession leg) {
        terminate(leg, VoiceStatus.Declined, VoiceReason.DECLINED);
        for (VoiceSession other : new ArrayList<>(call.calleeLegs)) {
            terminate(other, VoiceStatus.SessionCancelled, VoiceReason.DECLINED);
        }
        failCaller(call, VoiceStatus.Declined, VoiceReason.DECLINED);
    }

    /**
     * Hold or resume (a re-INVITE with the leg's new offer): both legs take the new status and the new
     * offer/answer, the leg's 200 response and both events carry the answer.
     */
    void hold(Call call, VoiceSession leg, String offer, boolean hold) {
        VoiceStatus status = hold ? VoiceStatus.Hold : VoiceStatus.Connected;
        VoiceSession peer = call.peerOf(leg);
        String answer = reInviteAnswer(call, leg, peer, offer);
        leg.status = status;
        leg.offer = offer;
        leg.answer = answer;
        leg.localSdp = offer;
        emitStatus(leg, answer, offer);
        if (peer != null && !peer.terminal()) {
            peer.status = status;
            peer.offer = offer;
            peer.answer = answer;
            peer.localSdp = answer;
            emitStatus(peer, answer, offer);
        }
        call.held = hold;
    }

    /**
     * The answer to a re-INVITE: a web peer's latest SDP with its direction mirrored against the new offer
     * (the network relays SDP unchanged otherwise); for any other far end, the simulated answer, keeping that
     * far end's ICE and DTLS parameters.
     */
    private static String reInviteAnswer(Call call, VoiceSession leg, VoiceSession peer, String offer) {
        if (peer != null) {
            String latest = peer.localSdp != null ? peer.localSdp
                    : peer == call.callerLeg ? peer.offer : peer.answer;
            if (latest != null) {
                return Sdp.mirrorDirection(latest, offer, peer.dtlsRole);
            }
        }
        String previous = call.farEndSdp != null ? call.farEndSdp
                : leg == call.callerLeg ? leg.answer : call.offer;
        String answer = Sdp.answerFor(offer, previous, Sdp.otherRole(leg.dtlsRole));
        call.farEndSdp = answer;
        return answer;
    }

    /** A connected leg hangs up (BYE): the peer leg ends REMOTE_HANGUP. */
    void hangUp(Call call, VoiceSession leg, VoiceReason reason) {
        terminate(leg, VoiceStatus.Terminated, reason);
        VoiceSession peer = call.peerOf(leg);
        if (peer != null) {
            terminate(peer, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
        }
        endCall(call);
    }

    void failCaller(Call call, VoiceStatus status, VoiceReason reason) {
        if (call.callerLeg != null) {
            terminate(call.callerLeg, status, reason);
        }
        endCall(call);
    }

    /** Sets a terminal state, announces it and forgets the leg; a no-op if the leg is already terminal. */
    void terminate(VoiceSession leg, VoiceStatus status, VoiceReason reason) {
        if (leg.terminal()) {
            return;
        }
        leg.status = status;
        leg.reason = reason;
        sessions.remove(leg.id, leg);
        emitStatus(leg, null, null);
    }

    void endCall(Call call) {
        if (call.phase == Call.Phase.ENDED) {
            return;
        }
        call.phase = Call.Phase.ENDED;
        call.smartphoneAlerting = false;
        call.cancelTimers();
        for (VoiceSession l : call.liveLegs()) {
            terminate(l, VoiceStatus.Failed, VoiceReason.NETWORK_FAILURE);
        }
        if (call.countedBusy) {
            call.countedBusy = false;
            directory.callEnded(call.callerNumber);
            if (call.calleeNumber != null) {
                directory.callEnded(call.calleeNumber);
            }
        }
        calls.remove(call.id, call);
    }
}
