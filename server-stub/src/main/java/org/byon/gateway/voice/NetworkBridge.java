package org.byon.gateway.voice;

import java.util.ArrayList;

import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.IncomingCall;
import org.byon.gateway.network.IncomingObserver;
import org.byon.gateway.network.NetworkHandler;
import org.byon.gateway.network.Origination;
import org.byon.gateway.network.OutgoingObserver;
import org.byon.gateway.network.PhoneNumbers;
import org.byon.gateway.network.Sdp;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.racm.RacmService;
import org.byon.gateway.racm.Registration;
import org.byon.gateway.racm.RegistrationEndReason;

/**
 * The voice side of the IMS port: originates calls, turns the network's outcomes (provisional, answer, final
 * failure, CANCEL, BYE, re-INVITE) into the legs' state changes, and creates a leg for every call the network
 * offers to a binding. It knows only the port ({@link ImsNetwork}), never which adapter runs. Forks of one
 * network call, and a call the gateway originated that the network routes back to the gateway's own
 * bindings, share one {@link Call} (one lock): the answer, decline and hang-up of one of its legs end the
 * others at once; the network's later report of the same thing finds them ended and changes nothing. Every
 * step runs under the call's lock.
 */
final class NetworkBridge implements NetworkHandler {
    private final CallStates states;
    private final RacmService racm;
    private final SubscriberDirectory directory;
    private final ImsNetwork network;

    NetworkBridge(CallStates states, RacmService racm, SubscriberDirectory directory, ImsNetwork network) {
        this.states = states;
        this.racm = racm;
        this.directory = directory;
        this.network = network;
    }

    /** Sends a new outgoing call into the network (runs on the network scheduler). */
    void originate(Call call) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ROUTING || call.callerLeg == null || call.callerLeg.terminal()) {
                return;
            }
            VoiceSession caller = call.callerLeg;
            call.dialog = network.originate(new Origination(call.id, caller.racmSessionId, call.callerNumber,
                    caller.receiverAddress, call.calleeNumber, call.offer), new CallerObserver(call));
        } finally {
            call.lock.unlock();
        }
    }

    /** The network's outcomes for the caller's leg. */
    private final class CallerObserver implements OutgoingObserver {
        private final Call call;

        CallerObserver(Call call) {
            this.call = call;
        }

        @Override
        public void provisional(int code, String earlyAnswer) {
            call.lock.lock();
            try {
                VoiceSession caller = call.callerLeg;
                VoiceStatus status = SipOutcomes.provisional(code);
                if (status == null || caller.terminal() || call.phase == Call.Phase.CONNECTED
                        || call.phase == Call.Phase.ENDED || caller.status == status
                        || caller.status == VoiceStatus.Ringing && status == VoiceStatus.InProgress) {
                    return;
                }
                if (status == VoiceStatus.Ringing) {
                    call.phase = Call.Phase.ALERTING;
                }
                caller.status = status;
                // early media: the far end's answer reaches the endpoint with InProgress (byon.yaml
                // SessionStatusData); Connected carries the final answer again
                states.emitStatus(caller, status == VoiceStatus.InProgress ? earlyAnswer : null, null);
            } finally {
                call.lock.unlock();
            }
        }

        @Override
        public void answered(String answer) {
            call.lock.lock();
            try {
                if (call.phase == Call.Phase.CONNECTED || call.phase == Call.Phase.ENDED || call.callerLeg.terminal()) {
                    return; // answered by one of our own legs already, or ended
                }
                for (VoiceSession l : new ArrayList<>(call.calleeLegs)) {
                    states.terminate(l, VoiceStatus.Terminated, VoiceReason.ANSWERED_ELSEWHERE);
                }
                states.connect(call, null, answer, "network");
            } finally {
                call.lock.unlock();
            }
        }

        @Override
        public void failed(int code) {
            call.lock.lock();
            try {
                if (call.phase == Call.Phase.CONNECTED || call.phase == Call.Phase.ENDED) {
                    return;
                }
                VoiceStatus forkStatus = code == 408 ? VoiceStatus.NoAnswer : VoiceStatus.SessionCancelled;
                VoiceReason forkReason = code == 408 ? VoiceReason.NO_ANSWER
                        : code == 603 ? VoiceReason.DECLINED : VoiceReason.CALLER_CANCELLED;
                for (VoiceSession l : new ArrayList<>(call.calleeLegs)) {
                    states.terminate(l, forkStatus, forkReason);
                }
                states.failCaller(call, SipOutcomes.failureStatus(code), SipOutcomes.failureReason(code));
            } finally {
                call.lock.unlock();
            }
        }

        @Override
        public void hungUp() {
            call.lock.lock();
            try {
                for (VoiceSession l : call.liveLegs()) {
                    states.terminate(l, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
                }
                states.endCall(call);
            } finally {
                call.lock.unlock();
            }
        }

        @Override
        public String reOffered(String offer) {
            return farEndReOffer(call, call.callerLeg, offer);
        }
    }

    // ================================================================ incoming

    @Override
    public IncomingObserver incoming(IncomingCall ic) {
        Registration reg = racm.find(ic.bindingId()).filter(r -> !r.ended()).orElse(null);
        if (reg == null || ic.calleeNumber() == null || !ic.calleeNumber().equals(reg.phoneNumber())) {
            return null;
        }
        Call call = states.byNetworkId(ic.networkCallId(), () -> {
            Call c = new Call(ic.networkCallId(), ic.callerNumber(), ic.calleeNumber(), ic.offer(), "REGULAR");
            c.farEndSdp = ic.offer();
            return c;
        });
        call.lock.lock();
        try {
            if (call.phase == Call.Phase.CONNECTED || call.phase == Call.Phase.ENDED
                    || call.callerLeg != null && call.callerLeg.racmSessionId.equals(reg.id())) {
                return null; // a late fork, or the caller's own binding
            }
            call.calleeKind = Call.CalleeKind.SUBSCRIBER;
            String callerName = call.callerNumber == null ? null
                    : directory.byNumber(call.callerNumber).map(Subscriber::name).orElse(null);
            String calleeName = directory.byNumber(ic.calleeNumber()).map(Subscriber::name).orElse(null);
            String from = call.callerNumber == null ? "sip:anonymous@anonymous.invalid" // RFC 3323
                    : PhoneNumbers.telUri(call.callerNumber);
            VoiceSession leg = new VoiceSession(org.byon.gateway.common.Ids.newId("vs"), call, Direction.Incoming,
                    reg.id(), reg.channelId(), reg.owner(), from, callerName, PhoneNumbers.telUri(ic.calleeNumber()),
                    calleeName, call.callType, ic.offer());
            leg.incoming = ic;
            call.calleeLegs.add(leg);
            states.add(leg);
            if (call.phase == Call.Phase.ROUTING) {
                call.phase = Call.Phase.ALERTING; // offered to a web endpoint
            }
            states.emitInvitation(leg);
            return new LegObserver(leg);
        } finally {
            call.lock.unlock();
        }
    }

    @Override
    public void bindingEnded(String bindingId) {
        racm.find(bindingId).ifPresent(r -> racm.end(r, RegistrationEndReason.NETWORK_TERMINATED));
    }

    /** The network's events for one incoming leg. */
    private final class LegObserver implements IncomingObserver {
        private final VoiceSession leg;

        LegObserver(VoiceSession leg) {
            this.leg = leg;
        }

        @Override
        public void cancelled(boolean answeredElsewhere, int cause) {
            Call call = leg.call;
            call.lock.lock();
            try {
                if (!leg.terminal() && call.answeredLeg != leg) {
                    states.terminate(leg, SipOutcomes.cancelStatus(answeredElsewhere, cause),
                            SipOutcomes.cancelReason(answeredElsewhere, cause));
                }
                if (call.liveLegs().isEmpty() && call.phase != Call.Phase.CONNECTED) {
                    states.endCall(call);
                }
            } finally {
                call.lock.unlock();
            }
        }

        @Override
        public void hungUp() {
            Call call = leg.call;
            call.lock.lock();
            try {
                if (!leg.terminal()) {
                    states.terminate(leg, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
                    if (leg == call.answeredLeg && call.callerLeg != null) {
                        states.terminate(call.callerLeg, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
                    }
                }
                if (call.liveLegs().isEmpty() || leg == call.answeredLeg) {
                    states.endCall(call);
                }
            } finally {
                call.lock.unlock();
            }
        }

        @Override
        public String reOffered(String offer) {
            return farEndReOffer(leg.call, leg, offer);
        }
    }

    /**
     * The far end re-offers in a leg's dialog (hold or resume): the gateway answers on the web endpoint's behalf
     * with its latest SDP, the direction mirrored (the endpoint is told with the offer and answer); null when the
     * leg has no connected dialog.
     */
    private String farEndReOffer(Call call, VoiceSession leg, String offer) {
        call.lock.lock();
        try {
            if (leg == null || leg.terminal() || call.phase != Call.Phase.CONNECTED) {
                return null;
            }
            if (offer.equals(leg.offer) && leg.answer != null) {
                return leg.answer; // our own peer's re-offer, already applied to both legs
            }
            String direction = Sdp.direction(offer);
            boolean hold = "sendonly".equals(direction) || "inactive".equals(direction);
            String latest = leg.localSdp != null ? leg.localSdp : leg == call.callerLeg ? leg.offer : leg.answer;
            String answer = Sdp.mirrorDirection(latest, offer, leg.dtlsRole);
            leg.status = hold ? VoiceStatus.Hold : VoiceStatus.Connected;
            leg.offer = offer;
            leg.answer = answer;
            leg.localSdp = answer;
            call.held = hold;
            states.emitStatus(leg, answer, offer);
            if (leg == call.callerLeg) {
                call.farEndSdp = offer;
            }
            return answer;
        } finally {
            call.lock.unlock();
        }
    }
}
