package org.byon.gateway.voice;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.KeyedLists;

import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkRefusal;
import org.byon.gateway.network.Sdp;

/**
 * The live calls and legs, and the transitions shared by client requests and the network: answer,
 * decline, hold/resume (re-INVITE), hang-up, and ending legs and calls. Every method but the lookups expects
 * the caller to hold the call's lock. A leg's terminal state is set, announced and the leg forgotten in one
 * step, so each leg is announced terminal exactly once. Thread-safe.
 */
final class CallStates {
    final Map<String, VoiceSession> sessions = new ConcurrentHashMap<>();
    final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** The live legs of each registration (by RACM session id), kept with {@link #sessions}. */
    private final KeyedLists<String, VoiceSession> byRegistration = new KeyedLists<>();
    private final ImsNetwork network;
    private final VoiceEvents events;

    CallStates(ImsNetwork network, VoiceEvents events) {
        this.network = network;
        this.events = events;
    }

    /** A new live leg (the caller holds the call's lock). */
    void add(VoiceSession leg) {
        sessions.put(leg.id, leg);
        byRegistration.add(leg.racmSessionId, leg);
    }

    /** The live legs of a registration (a snapshot, oldest first). */
    java.util.List<VoiceSession> legsOf(String racmSessionId) {
        return byRegistration.get(racmSessionId);
    }

    /** The live call with this network call id, or a new one from {@code create}. */
    Call byNetworkId(String networkCallId, Supplier<Call> create) {
        return calls.computeIfAbsent(networkCallId, id -> create.get());
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
        if (answering == null) {
            call.farEndSdp = answer;
        } else {
            String setup = Sdp.setup(answer); // an answer's role; never actpass in a valid one
            answering.dtlsRole = Sdp.otherRole(Sdp.otherRole(setup));
            if (call.callerLeg != null) {
                call.callerLeg.dtlsRole = Sdp.otherRole(answering.dtlsRole);
            }
        }
        if (call.callerNumber != null) {
            network.occupied(call.callerNumber, true);
        }
        if (call.calleeNumber != null) {
            network.occupied(call.calleeNumber, true);
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
     * offer/answer, the leg's 200 response and both events carry the answer. A web peer in the same call is
     * answered for at once (its latest SDP, direction mirrored) and the network is told afterwards through
     * {@code later}; any other far end answers through the network, before anything changes here.
     *
     * @throws ByonException ABORTED when the network refuses the new offer
     */
    void hold(Call call, VoiceSession leg, String offer, boolean hold, Executor later) {
        VoiceStatus status = hold ? VoiceStatus.Hold : VoiceStatus.Connected;
        VoiceSession peer = call.peerOf(leg);
        String latest = peer == null ? null : peer.localSdp != null ? peer.localSdp
                : peer == call.callerLeg ? peer.offer : peer.answer;
        String answer;
        if (latest != null) {
            answer = Sdp.mirrorDirection(latest, offer, peer.dtlsRole);
            later.execute(() -> {
                try {
                    reOffer(call, leg, offer);
                } catch (NetworkRefusal e) {
                    // the peer was answered for already; the network's own view catches up or the call ends
                }
            });
        } else {
            try {
                answer = reOffer(call, leg, offer);
            } catch (NetworkRefusal e) {
                throw new ByonException(ErrorCode.ABORTED, "the network refused the new offer: " + e.getMessage());
            }
            call.farEndSdp = answer;
        }
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

    private static String reOffer(Call call, VoiceSession leg, String offer) {
        if (leg == call.callerLeg) {
            if (call.dialog == null) {
                throw new NetworkRefusal(481, "no dialog", false);
            }
            return call.dialog.reOffer(offer);
        }
        return leg.incoming.reOffer(offer);
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
        byRegistration.remove(leg.racmSessionId, leg);
        emitStatus(leg, null, null);
    }

    void endCall(Call call) {
        if (call.phase == Call.Phase.ENDED) {
            return;
        }
        call.phase = Call.Phase.ENDED;
        call.cancelTimers();
        for (VoiceSession l : call.liveLegs()) {
            terminate(l, VoiceStatus.Failed, VoiceReason.NETWORK_FAILURE);
        }
        if (call.countedBusy) {
            call.countedBusy = false;
            if (call.callerNumber != null) {
                network.occupied(call.callerNumber, false);
            }
            if (call.calleeNumber != null) {
                network.occupied(call.calleeNumber, false);
            }
        }
        calls.remove(call.id, call);
    }
}
