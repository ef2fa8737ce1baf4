package org.byon.gateway.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Ids;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.PhoneNumbers;
import org.byon.gateway.network.Sdp;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.racm.RacmService;
import org.byon.gateway.racm.Registration;
import org.byon.gateway.racm.RegistrationEndReason;
import org.byon.gateway.racm.RegistrationListener;

/**
 * Voice sessions and the call state machine (contract.md "Voice session states") over the IMS port
 * ({@link ImsNetwork}; which adapter runs is not known here). Every transition of a call and its legs runs
 * under the call's lock, and a leg's terminal state is set, announced and the leg removed in one step: each leg
 * is announced terminal exactly once, whichever of a client request, a timer or the network gets there first.
 * Events are published while holding the lock, so each channel sees a leg's states in order. Thread-safe.
 *
 * <p>This class takes the client requests (create, status changes, delete) and registration ends, and tells
 * the network; {@link StatusRules} says which status change a leg may take, {@link CallStates} holds the live
 * calls and performs the transitions, {@link NetworkBridge} turns the network's events into transitions and
 * {@link VoiceEvents} announces every change on the channels.
 */
public class VoiceService implements RegistrationListener {
    private final Map<String, VoiceSession> sessions;
    private final Map<String, Call> calls;
    private final CallStates states;
    private final NetworkBridge bridge;
    private final RacmService racm;
    private final SubscriberDirectory directory;
    private final NetworkScheduler scheduler;
    private final Visibility visibility;
    private final CallRules rules;

    private volatile int maxCallsPerRegistration = Integer.MAX_VALUE;

    public VoiceService(RacmService racm, ChannelService channels, SubscriberDirectory directory, ImsNetwork network,
                        NetworkScheduler scheduler, Visibility visibility, CallRules rules) {
        this.racm = racm;
        this.directory = directory;
        this.scheduler = scheduler;
        this.visibility = visibility;
        this.rules = rules;
        this.states = new CallStates(network, new VoiceEvents(channels));
        this.bridge = new NetworkBridge(states, racm, directory, network);
        this.sessions = states.sessions;
        this.calls = states.calls;
        network.setHandler(bridge);
        racm.addListener(this);
    }

    // ================================================================ client operations

    public VoiceSessionView create(Owner caller, CreateCall req) {
        Registration reg = racm.owned(caller, req.racmSessionId()).orElseThrow(() -> new ByonException(
                ErrorCode.UNKNOWN_RACM_SESSION, "racmSessionId " + req.racmSessionId()
                + " is not a registration of the caller"));
        if (req.receiverAddress() == null || req.receiverAddress().isBlank()) {
            throw ByonException.invalid("receiverAddress is required");
        }
        Sdp.check(req.offerSdp(), "offer.sdp");
        checkCallQuota(reg);
        String originator = PhoneNumbers.telUri(reg.phoneNumber());
        if (req.originatorAddress() != null) {
            originator = rules.originator(reg.phoneNumber(), req.originatorAddress());
        }
        String calleeNumber = PhoneNumbers.numberOf(req.receiverAddress()).orElse(null);
        String callType = req.callType() == null ? "REGULAR" : req.callType();
        Call call = new Call(Ids.newId("call"), reg.phoneNumber(), calleeNumber, req.offerSdp(), callType);
        String originatorName = req.originatorName() != null ? req.originatorName()
                : directory.byNumber(reg.phoneNumber()).map(Subscriber::name).orElse(null);
        String receiverName = req.receiverName() != null ? req.receiverName()
                : calleeNumber == null ? null : directory.byNumber(calleeNumber).map(Subscriber::name).orElse(null);
        VoiceSession leg = new VoiceSession(Ids.newId("vs"), call, Direction.Outgoing, reg.id(), reg.channelId(),
                caller, originator, originatorName, req.receiverAddress(), receiverName, callType, req.offerSdp());
        call.lock.lock();
        try {
            leg.localSdp = req.offerSdp();
            call.callerLeg = leg;
            calls.put(call.id, call);
            states.add(leg);
        } finally {
            call.lock.unlock();
        }
        // the 201 shows the state the contract promises (Initial): taken before routing can move the leg on
        VoiceSessionView created = snapshot(leg);
        if (reg.ended()) { // the registration ended while we created the call
            registrationEnding(reg, RegistrationEndReason.NETWORK_TERMINATED);
        } else {
            scheduler.execute(() -> bridge.originate(call));
        }
        return created;
    }

    /** At most {@code max} live voice sessions per registration; beyond it 429 {@code QUOTA_EXCEEDED}. */
    public void limitCallsPerRegistration(int max) {
        this.maxCallsPerRegistration = max;
    }

    private void checkCallQuota(Registration reg) {
        int live = 0;
        for (VoiceSession s : states.legsOf(reg.id())) {
            if (++live >= maxCallsPerRegistration) {
                throw new ByonException(ErrorCode.QUOTA_EXCEEDED, "the registration has " + maxCallsPerRegistration
                        + " live voice sessions, the most the gateway allows");
            }
        }
    }

    public VoiceSessionView get(Owner caller, String id) {
        return snapshot(leg(caller, id));
    }

    public VoiceSessionView updateStatus(Owner caller, String id, StatusRequest request, String offer, String answer) {
        StatusRules.checkRequest(request, offer, answer);
        VoiceSession leg = leg(caller, id);
        Call call = leg.call;
        call.lock.lock();
        try {
            if (leg.terminal()) {
                throw ByonException.notFound("voice session", id);
            }
            if (!StatusRules.allowed(leg, request)) {
                // the contract's rules throw 409; a rule that lets the change pass says what the leg then shows
                rules.disallowed(request, leg.direction, leg.status).ifPresent(shown -> leg.status = shown);
                if (answer != null) {
                    leg.answer = answer;
                }
                states.emitStatus(leg, answer, offer);
                return leg.view();
            }
            switch (request) {
                case Ringing -> {
                    leg.status = VoiceStatus.Ringing;
                    states.emitStatus(leg, null, null);
                    leg.incoming.ring();
                }
                case Connected -> {
                    states.answeredByWeb(call, leg, answer);
                    leg.incoming.answer(answer);
                }
                case Declined -> {
                    states.declined(call, leg);
                    leg.incoming.reject(603);
                }
                case Hold -> states.hold(call, leg, offer, true, scheduler::execute);
                case Resume -> states.hold(call, leg, offer, false, scheduler::execute);
            }
            return leg.view();
        } finally {
            call.lock.unlock();
        }
    }

    /** Cancel (caller before answer), decline (callee before answer) or hang up (connected). */
    public void delete(Owner caller, String id) {
        VoiceSession leg = leg(caller, id);
        Call call = leg.call;
        call.lock.lock();
        try {
            if (leg.terminal()) {
                throw ByonException.notFound("voice session", id);
            }
            switch (call.phase) {
                case ROUTING, ALERTING -> {
                    if (leg == call.callerLeg) {
                        states.terminate(leg, VoiceStatus.SessionCancelled, VoiceReason.LOCAL_HANGUP);
                        for (VoiceSession l : call.liveLegs()) {
                            states.terminate(l, VoiceStatus.SessionCancelled, VoiceReason.CALLER_CANCELLED);
                        }
                        states.endCall(call);
                        if (call.dialog != null) {
                            call.dialog.cancel();
                        }
                    } else {
                        states.declined(call, leg);
                        leg.incoming.reject(603);
                    }
                }
                case CONNECTED -> {
                    states.hangUp(call, leg, VoiceReason.LOCAL_HANGUP);
                    bye(call, leg);
                }
                case ENDED -> states.terminate(leg, VoiceStatus.Terminated, VoiceReason.LOCAL_HANGUP);
            }
        } finally {
            call.lock.unlock();
        }
    }

    private VoiceSession leg(Owner caller, String id) {
        VoiceSession leg = id == null ? null : sessions.get(id);
        if (leg == null || !visibility.reaches(caller, leg.owner)) {
            throw ByonException.notFound("voice session", id);
        }
        return leg;
    }

    private static VoiceSessionView snapshot(VoiceSession leg) {
        leg.call.lock.lock();
        try {
            return leg.view();
        } finally {
            leg.call.lock.unlock();
        }
    }

    @Override
    public void registrationEnding(Registration registration, RegistrationEndReason reason) {
        for (VoiceSession leg : states.legsOf(registration.id())) {
            Call call = leg.call;
            call.lock.lock();
            try {
                if (leg.terminal()) {
                    continue;
                }
                boolean connected = call.phase == Call.Phase.CONNECTED;
                boolean answered = connected && (leg == call.callerLeg || leg == call.answeredLeg);
                states.terminate(leg, answered ? VoiceStatus.Terminated : VoiceStatus.SessionCancelled,
                        VoiceReason.REGISTRATION_ENDED);
                if (answered) {
                    bye(call, leg);
                } else if (leg == call.callerLeg && call.dialog != null) {
                    call.dialog.cancel();
                } else if (leg.incoming != null) {
                    leg.incoming.reject(480);
                }
                if (leg == call.callerLeg) {
                    for (VoiceSession l : call.liveLegs()) {
                        states.terminate(l, connected ? VoiceStatus.Terminated : VoiceStatus.SessionCancelled,
                                connected ? VoiceReason.REMOTE_HANGUP : VoiceReason.CALLER_CANCELLED);
                    }
                    states.endCall(call);
                } else if (leg == call.answeredLeg || call.phase != Call.Phase.ALERTING) {
                    if (call.callerLeg != null) {
                        states.terminate(call.callerLeg, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
                    }
                    states.endCall(call);
                }
            } finally {
                call.lock.unlock();
            }
        }
    }

    /** BYE on a leg's dialog. */
    private static void bye(Call call, VoiceSession leg) {
        if (leg == call.callerLeg) {
            if (call.dialog != null) {
                call.dialog.bye();
            }
        } else if (leg.incoming != null) {
            leg.incoming.bye();
        }
    }

    // ================================================================ views for the simulator

    public List<CallView> liveCalls() {
        List<CallView> out = new ArrayList<>();
        for (Call call : calls.values()) {
            call.lock.lock();
            try {
                if (call.phase != Call.Phase.ENDED) {
                    out.add(view(call, null));
                }
            } finally {
                call.lock.unlock();
            }
        }
        out.sort((a, b) -> a.callId().compareTo(b.callId()));
        return out;
    }

    public Optional<CallView> call(String callId) {
        Call call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return Optional.empty();
        }
        call.lock.lock();
        try {
            return Optional.of(view(call, null));
        } finally {
            call.lock.unlock();
        }
    }

    /** The id of the call a live voice session belongs to (the network's call id). */
    public Optional<String> callIdOf(String voiceSessionId) {
        VoiceSession leg = voiceSessionId == null ? null : sessions.get(voiceSessionId);
        return leg == null ? Optional.empty() : Optional.of(leg.call.id);
    }

    /** Live voice sessions (for leak checks in tests). */
    public int sessionCount() {
        return sessions.size();
    }

    public int callCount() {
        return calls.size();
    }

    private static CallView view(Call call, String outcome) {
        List<CallView.Leg> legs = new ArrayList<>();
        for (VoiceSession l : call.liveLegs()) {
            legs.add(new CallView.Leg(l.id, l.racmSessionId, l.direction, l.status));
        }
        return new CallView(call.id, call.callerNumber, call.calleeNumber,
                outcome != null ? outcome : call.phase.name(), call.answeredBy, false, legs);
    }
}
