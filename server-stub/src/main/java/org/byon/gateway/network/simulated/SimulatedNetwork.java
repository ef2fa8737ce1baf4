package org.byon.gateway.network.simulated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Ids;
import org.byon.gateway.common.KeyedLists;
import org.byon.gateway.network.Binding;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.IncomingObserver;
import org.byon.gateway.network.NetworkHandler;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.OutgoingDialog;
import org.byon.gateway.network.OutgoingObserver;
import org.byon.gateway.network.Origination;
import org.byon.gateway.network.PhoneNumbers;
import org.byon.gateway.network.Sdp;
import org.byon.gateway.network.SmartphoneMode;
import org.byon.gateway.network.SubscriberDirectory;

/**
 * The simulator adapter of the IMS port (the default, {@code byon.network.mode=simulated}): an embedded IMS core
 * with a location service for the bindings, parallel forking to every binding of a subscriber and their
 * simulated smartphone, the external test numbers ({@link ExternalBehaviour}), the occupied-user state and the
 * ring timer. Also the simulator's own network actions: injected inbound calls and network releases.
 * Thread-safe; observers are never called while a monitor of this adapter is held.
 */
public final class SimulatedNetwork implements ImsNetwork {
    private final SubscriberDirectory directory;
    private final NetworkScheduler scheduler;
    private final Duration ringTimeout;
    private final Duration farEndDelay;
    /** The location service: each subscriber's bindings (by phone number), so routing a call looks at the callee's only. */
    private final KeyedLists<String, Bound> bindings = new KeyedLists<>();
    private final Map<String, SimCall> calls = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private volatile NetworkHandler handler = NetworkHandler.NONE;

    private record Bound(Binding binding, long order) {
    }

    /** What an injected call did at once. */
    public record Injected(String callId, String outcome) {
    }

    public SimulatedNetwork(SubscriberDirectory directory, NetworkScheduler scheduler, Duration ringTimeout,
                            Duration farEndDelay) {
        this.directory = directory;
        this.scheduler = scheduler;
        this.ringTimeout = ringTimeout;
        this.farEndDelay = farEndDelay;
    }

    @Override
    public void setHandler(NetworkHandler handler) {
        this.handler = handler == null ? NetworkHandler.NONE : handler;
    }

    @Override
    public void register(Binding binding) {
        bindings.update(binding.phoneNumber(), bound -> put(without(bound, binding.id()),
                new Bound(binding, order.incrementAndGet())));
    }

    @Override
    public void refresh(Binding binding) {
        bindings.update(binding.phoneNumber(), bound -> {
            Bound old = bound.stream().filter(b -> b.binding().id().equals(binding.id())).findFirst().orElse(null);
            return put(without(bound, binding.id()), new Bound(binding, old == null ? order.incrementAndGet() : old.order));
        });
    }

    @Override
    public void deregister(Binding binding) {
        bindings.update(binding.phoneNumber(), bound -> without(bound, binding.id()));
    }

    private static List<Bound> without(List<Bound> bound, String bindingId) {
        for (Bound b : bound) {
            if (b.binding().id().equals(bindingId)) {
                List<Bound> out = new ArrayList<>(bound);
                out.remove(b);
                return List.copyOf(out);
            }
        }
        return bound;
    }

    private static List<Bound> put(List<Bound> bound, Bound b) {
        return KeyedLists.appended(bound, b);
    }

    @Override
    public void occupied(String phoneNumber, boolean inCall) {
        if (inCall) {
            directory.callStarted(phoneNumber);
        } else {
            directory.callEnded(phoneNumber);
        }
    }

    @Override
    public OutgoingDialog originate(Origination o, OutgoingObserver observer) {
        SimCall call = new SimCall(o.callId(), o.callerNumber(), o.calleeNumber(), o.offer(), observer);
        calls.put(call.id, call);
        route(call, o.bindingId());
        return new SimOutgoing(this, call);
    }

    private void route(SimCall call, String callerBinding) {
        OutgoingObserver caller = call.caller;
        caller.provisional(183, null);
        String callee = call.calleeNumber;
        if (callee == null) {
            fail(call, 404);
            return;
        }
        if (directory.byNumber(callee).isPresent()) {
            if (directory.isBusy(callee)) {
                fail(call, 486);
            } else if (offerToSubscriber(call, callerBinding)) {
                caller.provisional(180, null);
            } else {
                fail(call, 480);
            }
            return;
        }
        Optional<ExternalBehaviour> external = ExternalBehaviour.of(callee);
        if (external.isEmpty()) {
            fail(call, 404);
            return;
        }
        switch (external.get()) {
            case BUSY -> fail(call, 486);
            case ANSWER -> {
                alert(call);
                later(call, farEndDelay, () -> farEndAnswer(call, Sdp.answerFor(call.offer), "external"));
            }
            case NO_ANSWER -> alert(call);
            case DECLINE -> {
                alert(call);
                later(call, farEndDelay, () -> farEndDecline(call));
            }
        }
    }

    private void alert(SimCall call) {
        later(call, ringTimeout, () -> ringTimeout(call));
        call.caller.provisional(180, null);
    }

    private void fail(SimCall call, int code) {
        if (call.move(SimCall.State.ALERTING, SimCall.State.ENDED)) {
            forget(call);
            call.caller.failed(code);
        }
    }

    /** Forks the call to every binding of the callee and the smartphone; false if nothing rings. */
    private boolean offerToSubscriber(SimCall call, String excludeBinding) {
        List<Bound> targets = new ArrayList<>();
        for (Bound b : bindings.get(call.calleeNumber)) {
            if (!b.binding().id().equals(excludeBinding)) {
                targets.add(b);
            }
        }
        targets.sort(Comparator.comparingLong(Bound::order));
        for (Bound b : targets) {
            SimFork fork = new SimFork(this, call, b.binding().id());
            call.forks.add(fork);
            IncomingObserver observer = handler.incoming(fork);
            if (observer == null) {
                call.forks.remove(fork);
            } else {
                fork.observer = observer;
            }
        }
        SmartphoneMode phone = directory.smartphone(call.calleeNumber);
        boolean ringing = phone == SmartphoneMode.IDLE || phone == SmartphoneMode.ANSWER
                || phone == SmartphoneMode.DECLINE;
        synchronized (call) {
            call.smartphoneRinging = ringing;
            call.routed = true;
        }
        if (call.forks.isEmpty() && !ringing) {
            return false;
        }
        later(call, ringTimeout, () -> ringTimeout(call));
        if (phone == SmartphoneMode.ANSWER) {
            later(call, farEndDelay, () -> farEndAnswer(call, Sdp.answerFor(call.offer), "smartphone"));
        } else if (phone == SmartphoneMode.DECLINE) {
            later(call, farEndDelay, () -> farEndDecline(call));
        }
        return true;
    }

    private void later(SimCall call, Duration delay, Runnable task) {
        call.timers.add(scheduler.schedule(delay, task));
    }

    private void farEndAnswer(SimCall call, String answer, String who) {
        synchronized (call) {
            if (!call.move(SimCall.State.ALERTING, SimCall.State.CONNECTED)) {
                return;
            }
            call.answeredBy = who;
            call.farEndSdp = answer;
        }
        for (SimFork f : call.forks) {
            if (f.observer != null) {
                f.observer.cancelled(true, 200);
            }
        }
        if (call.caller != null) {
            call.caller.answered(answer);
        }
    }

    private void farEndDecline(SimCall call) {
        endAlerting(call, 603);
    }

    private void ringTimeout(SimCall call) {
        endAlerting(call, 408);
    }

    /** Ends a call that is still alerting with the final response {@code code}: the forks are cancelled, the caller told. */
    void endAlerting(SimCall call, int code) {
        if (!call.move(SimCall.State.ALERTING, SimCall.State.ENDED)) {
            return;
        }
        forget(call);
        for (SimFork f : call.forks) {
            if (f.observer != null) {
                f.observer.cancelled(false, code);
            }
        }
        if (call.caller != null) {
            call.caller.failed(code);
        }
    }

    void forget(SimCall call) {
        calls.remove(call.id, call);
    }

    // ================================================================ the simulator's own network actions

    /** Injects an inbound call from an external number to a subscriber (forked like any call). */
    public Injected injectInbound(String from, String to, String sdp) {
        if (!PhoneNumbers.isE164(from)) {
            throw ByonException.invalid("from must be an E.164 number");
        }
        if (to == null || directory.byNumber(to).isEmpty()) {
            throw new ByonException(ErrorCode.NOT_FOUND, "to " + to + " is not a subscriber");
        }
        String offer = sdp == null || sdp.isBlank() ? Sdp.defaultOffer() : sdp;
        Sdp.check(offer, "sdp");
        SimCall call = new SimCall(Ids.newId("call"), from, to, offer, null);
        call.farEndSdp = offer;
        if (directory.isBusy(to)) {
            return new Injected(call.id, "BUSY");
        }
        calls.put(call.id, call);
        if (!offerToSubscriber(call, null)) {
            call.move(SimCall.State.ALERTING, SimCall.State.ENDED);
            forget(call);
            return new Injected(call.id, "NOT_REACHABLE");
        }
        return new Injected(call.id, null);
    }

    /** The network releases a call (BYE or CANCEL to every party); false if it is not live. */
    public boolean release(String callId) {
        SimCall call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (!call.move(SimCall.State.ALERTING, SimCall.State.ENDED)
                    && !call.move(SimCall.State.CONNECTED, SimCall.State.ENDED)) {
                return false;
            }
        }
        forget(call);
        if (call.caller != null) {
            call.caller.hungUp();
        }
        for (SimFork f : call.forks) {
            if (f.observer != null) {
                f.observer.hungUp();
            }
        }
        return true;
    }

    /** Whether the callee's smartphone rings for a live call. */
    public boolean smartphoneRinging(String callId) {
        SimCall call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return false;
        }
        synchronized (call) {
            return call.smartphoneRinging;
        }
    }

    /** Who answered a live call: {@code web}, {@code smartphone} or {@code external}; empty before the answer. */
    public Optional<String> answeredBy(String callId) {
        SimCall call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return Optional.empty();
        }
        synchronized (call) {
            return Optional.ofNullable(call.answeredBy);
        }
    }

    /** Live calls of the simulated core (for leak checks). */
    public int callCount() {
        return calls.size();
    }
}
