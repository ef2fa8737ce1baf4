package org.byon.gateway.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;

import org.byon.gateway.common.Ids;
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

/**
 * The network side of a call in the simulated IMS core: routing the INVITE to a subscriber (forking to
 * their web endpoints and smartphone) or an external test number, and the far end's answer, decline and
 * the ring timer. Thread-safe: each step runs under the call's lock.
 */
final class CallRouter {
    private final CallStates states;
    private final RacmService racm;
    private final SubscriberDirectory directory;
    private final NetworkScheduler scheduler;
    private final FaultSwitch faults;
    private final Duration ringTimeout;
    private final Duration farEndDelay;

    CallRouter(CallStates states, RacmService racm, SubscriberDirectory directory, NetworkScheduler scheduler,
               FaultSwitch faults, Duration ringTimeout, Duration farEndDelay) {
        this.states = states;
        this.racm = racm;
        this.directory = directory;
        this.scheduler = scheduler;
        this.faults = faults;
        this.ringTimeout = ringTimeout;
        this.farEndDelay = farEndDelay;
    }

    /** Routes a new outgoing call (runs on the network scheduler). */
    void route(Call call) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ROUTING || call.callerLeg == null || call.callerLeg.terminal()) {
                return;
            }
            VoiceSession caller = call.callerLeg;
            caller.status = VoiceStatus.InProgress;
            states.emitStatus(caller, null, null);
            String callee = call.calleeNumber;
            if (callee == null) {
                states.failCaller(call, VoiceStatus.NotReachable, VoiceReason.NOT_REACHABLE);
                return;
            }
            if (directory.byNumber(callee).isPresent()) {
                if (directory.isBusy(callee) && !faults.on(Fault.BUSY_NOT_DETECTED)) {
                    states.failCaller(call, VoiceStatus.Busy, VoiceReason.BUSY);
                } else if (offerToSubscriber(call, caller.racmSessionId)) {
                    caller.status = VoiceStatus.Ringing;
                    states.emitStatus(caller, null, null);
                } else {
                    states.failCaller(call, VoiceStatus.NotReachable, VoiceReason.NOT_REACHABLE);
                }
                return;
            }
            Optional<ExternalBehaviour> external = ExternalBehaviour.of(callee);
            if (external.isEmpty()) {
                states.failCaller(call, VoiceStatus.NotReachable, VoiceReason.NOT_REACHABLE);
                return;
            }
            call.calleeKind = Call.CalleeKind.EXTERNAL;
            switch (external.get()) {
                case BUSY -> states.failCaller(call, VoiceStatus.Busy, VoiceReason.BUSY);
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
        states.emitStatus(call.callerLeg, null, null);
    }

    /** Forks the call to every registration of the callee and the smartphone; false if nothing rings. */
    boolean offerToSubscriber(Call call, String excludeRegistration) {
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
            states.sessions.put(leg.id, leg);
            states.emitInvitation(leg);
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

    private void farEndAnswer(Call call, String answer, String who) {
        call.lock.lock();
        try {
            if (call.phase != Call.Phase.ALERTING) {
                return;
            }
            for (VoiceSession l : new ArrayList<>(call.calleeLegs)) {
                states.terminate(l, VoiceStatus.Terminated, VoiceReason.ANSWERED_ELSEWHERE);
            }
            states.connect(call, null, answer, who);
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
                states.terminate(l, VoiceStatus.SessionCancelled, VoiceReason.DECLINED);
            }
            states.failCaller(call, VoiceStatus.Declined, VoiceReason.DECLINED);
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
                states.terminate(l, VoiceStatus.NoAnswer, VoiceReason.NO_ANSWER);
            }
            states.endCall(call);
        } finally {
            call.lock.unlock();
        }
    }
}
