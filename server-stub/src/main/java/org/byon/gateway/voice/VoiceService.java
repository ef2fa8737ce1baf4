package org.byon.gateway.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.byon.gateway.channel.ChannelEvent;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventType;
import org.byon.gateway.channel.NotificationPaths;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Ids;
import org.byon.gateway.common.Owner;
import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.network.ExternalBehaviour;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.PhoneNumbers;
import org.byon.gateway.network.Sdp;
import org.byon.gateway.network.SmartphoneMode;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.racm.RacmService;
import org.byon.gateway.racm.Registration;
import org.byon.gateway.racm.RegistrationEndReason;
import org.byon.gateway.racm.RegistrationListener;

/**
 * Voice sessions and the call state machine over the simulated IMS core (contract.md "Voice session
 * states"). Every transition of a call and its legs runs under the call's lock, and a leg's terminal state
 * is set, announced and the leg removed in one step: each leg is announced terminal exactly once, whichever
 * of a client request, a timer or the network gets there first. Events are published while holding the
 * lock, so each channel sees a leg's states in order. Thread-safe.
 */
public class VoiceService implements RegistrationListener {
    private final Map<String, VoiceSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final RacmService racm;
    private final ChannelService channels;
    private final SubscriberDirectory directory;
    private final NetworkScheduler scheduler;
    private final FaultSwitch faults;
    private final Duration ringTimeout;
    private final Duration farEndDelay;

    public VoiceService(RacmService racm, ChannelService channels, SubscriberDirectory directory,
                        NetworkScheduler scheduler, FaultSwitch faults, Duration ringTimeout, Duration farEndDelay) {
        this.racm = racm;
        this.channels = channels;
        this.directory = directory;
        this.scheduler = scheduler;
        this.faults = faults;
        this.ringTimeout = ringTimeout;
        this.farEndDelay = farEndDelay;
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
        String originator = PhoneNumbers.telUri(reg.phoneNumber());
        if (req.originatorAddress() != null) {
            Optional<String> claimed = PhoneNumbers.numberOf(req.originatorAddress());
            if (!claimed.equals(Optional.of(reg.phoneNumber()))) {
                if (!faults.on(Fault.SPOOFING_ALLOWED)) {
                    throw new ByonException(ErrorCode.PERMISSION_DENIED,
                            "originatorAddress must be the registration's own number " + reg.phoneNumber());
                }
                originator = req.originatorAddress();
            }
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
            call.callerLeg = leg;
            calls.put(call.id, call);
            sessions.put(leg.id, leg);
        } finally {
            call.lock.unlock();
        }
        if (reg.ended()) { // the registration ended while we created the call
            registrationEnding(reg, RegistrationEndReason.NETWORK_TERMINATED);
        } else {
            scheduler.execute(() -> route(call));
        }
        return snapshot(leg);
    }

    public VoiceSessionView get(Owner caller, String id) {
        return snapshot(leg(caller, id));
    }

    public VoiceSessionView updateStatus(Owner caller, String id, StatusRequest request, String offer, String answer) {
        if (request == null) {
            throw ByonException.invalid("status is required");
        }
        switch (request) {
            case Connected -> {
                if (answer == null) {
                    throw ByonException.invalid("status Connected requires an answer");
                }
                Sdp.check(answer, "answer.sdp");
            }
            case Hold, Resume -> {
                if (offer == null) {
                    throw ByonException.invalid("status " + request + " requires an offer");
                }
                Sdp.check(offer, "offer.sdp");
            }
            default -> {
            }
        }
        VoiceSession leg = leg(caller, id);
        Call call = leg.call;
        call.lock.lock();
        try {
            if (leg.terminal()) {
                throw ByonException.notFound("voice session", id);
            }
            boolean alertingIncoming = leg.direction == Direction.Incoming && call.phase == Call.Phase.ALERTING
                    && (leg.status == VoiceStatus.Initial || leg.status == VoiceStatus.Ringing);
            boolean allowed = switch (request) {
                case Ringing -> alertingIncoming && leg.status == VoiceStatus.Initial;
                case Connected, Declined -> alertingIncoming;
                case Hold -> call.phase == Call.Phase.CONNECTED && leg.status == VoiceStatus.Connected;
                case Resume -> call.phase == Call.Phase.CONNECTED && leg.status == VoiceStatus.Hold;
            };
            if (!allowed) {
                if (!faults.on(Fault.STATE_MACHINE_LAX)) {
                    throw new ByonException(ErrorCode.INCOMPATIBLE_STATE, "status " + request
                            + " is not allowed for an " + leg.direction + " voice session in state " + leg.status);
                }
                if (request != StatusRequest.Declined) { // a lax gateway accepts and pretends
                    leg.status = request == StatusRequest.Resume ? VoiceStatus.Connected
                            : VoiceStatus.valueOf(request.name());
                }
                if (answer != null) {
                    leg.answer = answer;
                }
                emitStatus(leg, answer, offer);
                return leg.view();
            }
            switch (request) {
                case Ringing -> {
                    leg.status = VoiceStatus.Ringing;
                    emitStatus(leg, null, null);
                }
                case Connected -> answeredByWeb(call, leg, answer);
                case Declined -> declined(call, leg);
                case Hold -> hold(call, leg, offer, true);
                case Resume -> hold(call, leg, offer, false);
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
                        terminate(leg, VoiceStatus.SessionCancelled, VoiceReason.LOCAL_HANGUP);
                        for (VoiceSession l : call.liveLegs()) {
                            terminate(l, VoiceStatus.SessionCancelled, VoiceReason.CALLER_CANCELLED);
                        }
                        endCall(call);
                    } else {
                        declined(call, leg);
                    }
                }
                case CONNECTED -> hangUp(call, leg, VoiceReason.LOCAL_HANGUP);
                case ENDED -> terminate(leg, VoiceStatus.Terminated, VoiceReason.LOCAL_HANGUP);
            }
        } finally {
            call.lock.unlock();
        }
    }

    private VoiceSession leg(Owner caller, String id) {
        VoiceSession leg = id == null ? null : sessions.get(id);
        if (leg == null || !(leg.owner.equals(caller) || faults.on(Fault.BOLA_LEAK))) {
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

    // ================================================================ the network side

    private void route(Call call) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ROUTING || call.callerLeg == null || call.callerLeg.terminal()) {
                return;
            }
            VoiceSession caller = call.callerLeg;
            caller.status = VoiceStatus.InProgress;
            emitStatus(caller, null, null);
            String callee = call.calleeNumber;
            if (callee == null) {
                failCaller(call, VoiceStatus.NotReachable, VoiceReason.NOT_REACHABLE);
                return;
            }
            if (directory.byNumber(callee).isPresent()) {
                if (directory.isBusy(callee) && !faults.on(Fault.BUSY_NOT_DETECTED)) {
                    failCaller(call, VoiceStatus.Busy, VoiceReason.BUSY);
                } else if (offerToSubscriber(call, caller.racmSessionId)) {
                    caller.status = VoiceStatus.Ringing;
                    emitStatus(caller, null, null);
                } else {
                    failCaller(call, VoiceStatus.NotReachable, VoiceReason.NOT_REACHABLE);
                }
                return;
            }
            Optional<ExternalBehaviour> external = ExternalBehaviour.of(callee);
            if (external.isEmpty()) {
                failCaller(call, VoiceStatus.NotReachable, VoiceReason.NOT_REACHABLE);
                return;
            }
            call.calleeKind = Call.CalleeKind.EXTERNAL;
            switch (external.get()) {
                case BUSY -> failCaller(call, VoiceStatus.Busy, VoiceReason.BUSY);
                case ANSWER -> {
                    alert(call);
                    call.timers.add(scheduler.schedule(farEndDelay,
                            () -> farEndAnswer(call, Sdp.answerFor(call.offer), "external")));
                }
                case NO_ANSWER -> alert(call);
                case DECLINE -> {
                    alert(call);
                    call.timers.add(scheduler.schedule(farEndDelay, () -> farEndDecline(call)));
                }
            }
        } finally {
            call.lock.unlock();
        }
    }

    private void alert(Call call) {
        call.phase = Call.Phase.ALERTING;
        call.timers.add(scheduler.schedule(ringTimeout, () -> ringTimeout(call)));
        call.callerLeg.status = VoiceStatus.Ringing;
        emitStatus(call.callerLeg, null, null);
    }

    /** Forks the call to every registration of the callee and the smartphone; false if nothing rings. */
    private boolean offerToSubscriber(Call call, String excludeRegistration) {
        call.calleeKind = Call.CalleeKind.SUBSCRIBER;
        String callerName = directory.byNumber(call.callerNumber).map(Subscriber::name).orElse(null);
        String calleeName = directory.byNumber(call.calleeNumber).map(Subscriber::name).orElse(null);
        for (Registration r : racm.registrationsOf(call.calleeNumber)) {
            if (r.id().equals(excludeRegistration)) {
                continue;
            }
            VoiceSession leg = new VoiceSession(Ids.newId("vs"), call, Direction.Incoming, r.id(), r.channelId(),
                    r.owner(), PhoneNumbers.telUri(call.callerNumber), callerName,
                    PhoneNumbers.telUri(call.calleeNumber), calleeName, call.callType, call.offer);
            call.calleeLegs.add(leg);
            sessions.put(leg.id, leg);
            emitInvitation(leg);
        }
        SmartphoneMode phone = directory.smartphone(call.calleeNumber);
        call.smartphoneAlerting = phone == SmartphoneMode.IDLE || phone == SmartphoneMode.ANSWER
                || phone == SmartphoneMode.DECLINE;
        if (call.calleeLegs.isEmpty() && !call.smartphoneAlerting) {
            return false;
        }
        call.phase = Call.Phase.ALERTING;
        call.timers.add(scheduler.schedule(ringTimeout, () -> ringTimeout(call)));
        if (phone == SmartphoneMode.ANSWER) {
            call.timers.add(scheduler.schedule(farEndDelay,
                    () -> farEndAnswer(call, Sdp.answerFor(call.offer), "smartphone")));
        } else if (phone == SmartphoneMode.DECLINE) {
            call.timers.add(scheduler.schedule(farEndDelay, () -> farEndDecline(call)));
        }
        return true;
    }

    private void failCaller(Call call, VoiceStatus status, VoiceReason reason) {
        if (call.callerLeg != null) {
            terminate(call.callerLeg, status, reason);
        }
        endCall(call);
    }

    private void farEndAnswer(Call call, String answer, String who) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ALERTING) {
                return;
            }
            for (VoiceSession l : new ArrayList<>(call.calleeLegs)) {
                terminate(l, VoiceStatus.Terminated, VoiceReason.ANSWERED_ELSEWHERE);
            }
            connect(call, null, answer, who);
        } finally {
            call.lock.unlock();
        }
    }

    private void farEndDecline(Call call) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ALERTING) {
                return;
            }
            for (VoiceSession l : new ArrayList<>(call.calleeLegs)) {
                terminate(l, VoiceStatus.SessionCancelled, VoiceReason.DECLINED);
            }
            failCaller(call, VoiceStatus.Declined, VoiceReason.DECLINED);
        } finally {
            call.lock.unlock();
        }
    }

    private void ringTimeout(Call call) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ALERTING) {
                return;
            }
            for (VoiceSession l : call.liveLegs()) {
                terminate(l, VoiceStatus.NoAnswer, VoiceReason.NO_ANSWER);
            }
            endCall(call);
        } finally {
            call.lock.unlock();
        }
    }

    private void answeredByWeb(Call call, VoiceSession leg, String answer) {
        leg.status = VoiceStatus.Connected;
        leg.answer = answer;
        emitStatus(leg, answer, null);
        for (VoiceSession other : new ArrayList<>(call.calleeLegs)) {
            if (other != leg) {
                terminate(other, VoiceStatus.Terminated, VoiceReason.ANSWERED_ELSEWHERE);
            }
        }
        connect(call, leg, answer, "web");
    }

    private void connect(Call call, VoiceSession answering, String answer, String who) {
        call.cancelTimers();
        call.phase = Call.Phase.CONNECTED;
        call.answeredLeg = answering;
        call.answeredBy = who;
        call.smartphoneAlerting = false;
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
    private void declined(Call call, VoiceSession leg) {
        terminate(leg, VoiceStatus.Declined, VoiceReason.DECLINED);
        for (VoiceSession other : new ArrayList<>(call.calleeLegs)) {
            terminate(other, VoiceStatus.SessionCancelled, VoiceReason.DECLINED);
        }
        failCaller(call, VoiceStatus.Declined, VoiceReason.DECLINED);
    }

    private void hold(Call call, VoiceSession leg, String offer, boolean hold) {
        VoiceStatus status = hold ? VoiceStatus.Hold : VoiceStatus.Connected;
        leg.status = status;
        emitStatus(leg, null, offer);
        VoiceSession peer = call.peerOf(leg);
        if (peer != null && !peer.terminal()) {
            peer.status = status;
            emitStatus(peer, null, offer);
        }
        call.held = hold;
    }

    private void hangUp(Call call, VoiceSession leg, VoiceReason reason) {
        terminate(leg, VoiceStatus.Terminated, reason);
        VoiceSession peer = call.peerOf(leg);
        if (peer != null) {
            terminate(peer, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
        }
        endCall(call);
    }

    /** Sets a terminal state, announces it and forgets the leg; a no-op if the leg is already terminal. */
    private void terminate(VoiceSession leg, VoiceStatus status, VoiceReason reason) {
        if (leg.terminal()) {
            return;
        }
        leg.status = status;
        leg.reason = reason;
        sessions.remove(leg.id, leg);
        emitStatus(leg, null, null);
    }

    private void endCall(Call call) {
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

    @Override
    public void registrationEnding(Registration registration, RegistrationEndReason reason) {
        for (VoiceSession leg : new ArrayList<>(sessions.values())) {
            if (!leg.racmSessionId.equals(registration.id())) {
                continue;
            }
            Call call = leg.call;
            call.lock.lock();
            try {
                if (leg.terminal()) {
                    continue;
                }
                boolean connected = call.phase == Call.Phase.CONNECTED;
                boolean answered = connected && (leg == call.callerLeg || leg == call.answeredLeg);
                terminate(leg, answered ? VoiceStatus.Terminated : VoiceStatus.SessionCancelled,
                        VoiceReason.REGISTRATION_ENDED);
                if (leg == call.callerLeg) {
                    for (VoiceSession l : call.liveLegs()) {
                        terminate(l, connected ? VoiceStatus.Terminated : VoiceStatus.SessionCancelled,
                                connected ? VoiceReason.REMOTE_HANGUP : VoiceReason.CALLER_CANCELLED);
                    }
                    endCall(call);
                } else if (leg == call.answeredLeg || call.phase != Call.Phase.ALERTING) {
                    if (call.callerLeg != null) {
                        terminate(call.callerLeg, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
                    }
                    endCall(call);
                }
            } finally {
                call.lock.unlock();
            }
        }
    }

    // ================================================================ simulator

    /** Injects an inbound call from an external number to a subscriber (forked like any call). */
    public CallView injectInbound(String from, String to, String sdp) {
        if (!PhoneNumbers.isE164(from)) {
            throw ByonException.invalid("from must be an E.164 number");
        }
        if (to == null || directory.byNumber(to).isEmpty()) {
            throw new ByonException(ErrorCode.NOT_FOUND, "to " + to + " is not a subscriber");
        }
        String offer = sdp == null || sdp.isBlank() ? Sdp.defaultOffer() : sdp;
        Sdp.check(offer, "sdp");
        Call call = new Call(Ids.newId("call"), from, to, offer, "REGULAR");
        call.lock.lock();
        try {
            calls.put(call.id, call);
            if (directory.isBusy(to) && !faults.on(Fault.BUSY_NOT_DETECTED)) {
                endCall(call);
                return view(call, "BUSY");
            }
            if (!offerToSubscriber(call, null)) {
                endCall(call);
                return view(call, "NOT_REACHABLE");
            }
            return view(call, null);
        } finally {
            call.lock.unlock();
        }
    }

    /** The network releases a call (BYE from the far end): every live leg ends Terminated / REMOTE_HANGUP. */
    public boolean release(String callId) {
        Call call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return false;
        }
        call.lock.lock();
        try {
            if (call.phase == Call.Phase.ENDED) {
                return false;
            }
            for (VoiceSession l : call.liveLegs()) {
                terminate(l, VoiceStatus.Terminated, VoiceReason.REMOTE_HANGUP);
            }
            endCall(call);
            return true;
        } finally {
            call.lock.unlock();
        }
    }

    /** The network releases the call a voice session belongs to. */
    public boolean releaseCallOf(String voiceSessionId) {
        VoiceSession leg = voiceSessionId == null ? null : sessions.get(voiceSessionId);
        return leg != null && release(leg.call.id);
    }

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
                outcome != null ? outcome : call.phase.name(), call.answeredBy, call.smartphoneAlerting, legs);
    }

    // ================================================================ events

    private void emitStatus(VoiceSession leg, String answer, String offer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("voiceSessionId", leg.id);
        data.put("racmSessionId", leg.racmSessionId);
        data.put("status", leg.status.name());
        if (answer != null) {
            data.put("answer", Map.of("sdp", answer));
        }
        if (offer != null) {
            data.put("offer", Map.of("sdp", offer));
        }
        if (leg.reason != null) {
            data.put("reason", leg.reason.name());
        }
        channels.publish(leg.channelId, new ChannelEvent(EventType.SESSION_STATUS,
                NotificationPaths.voiceSource(leg.id), data, leg.direction == Direction.Outgoing));
    }

    private void emitInvitation(VoiceSession leg) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("voiceSessionId", leg.id);
        data.put("racmSessionId", leg.racmSessionId);
        data.put("originatorAddress", leg.originatorAddress);
        if (leg.originatorName != null) {
            data.put("originatorName", leg.originatorName);
        }
        data.put("receiverAddress", leg.receiverAddress);
        data.put("status", VoiceStatus.Initial.name());
        data.put("offer", Map.of("sdp", leg.offer));
        channels.publish(leg.channelId, new ChannelEvent(EventType.SESSION_INVITATION,
                NotificationPaths.voiceSource(leg.id), data, false));
    }
}
