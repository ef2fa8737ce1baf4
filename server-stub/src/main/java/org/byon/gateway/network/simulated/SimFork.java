package org.byon.gateway.network.simulated;

import org.byon.gateway.network.IncomingCall;
import org.byon.gateway.network.IncomingObserver;
import org.byon.gateway.network.NetworkRefusal;
import org.byon.gateway.network.Sdp;

/** One fork of a simulated call: the INVITE offered to one binding of the callee. */
final class SimFork implements IncomingCall {
    private final SimulatedNetwork network;
    private final SimCall call;
    private final String bindingId;
    volatile IncomingObserver observer;

    SimFork(SimulatedNetwork network, SimCall call, String bindingId) {
        this.network = network;
        this.call = call;
        this.bindingId = bindingId;
    }

    @Override
    public String networkCallId() {
        return call.id;
    }

    @Override
    public String bindingId() {
        return bindingId;
    }

    @Override
    public String callerNumber() {
        return call.callerNumber;
    }

    @Override
    public String calleeNumber() {
        return call.calleeNumber;
    }

    @Override
    public String offer() {
        return call.offer;
    }

    @Override
    public void ring() {
        // the simulated caller's side already rings
    }

    @Override
    public void answer(String answer) {
        synchronized (call) {
            if (!call.move(SimCall.State.ALERTING, SimCall.State.CONNECTED)) {
                return;
            }
            call.answeredFork = this;
            call.answeredBy = "web";
            call.webAnswer = answer;
        }
        for (SimFork other : call.forks) {
            if (other != this && other.observer != null) {
                other.observer.cancelled(true, 200);
            }
        }
        if (call.caller != null) {
            call.caller.answered(answer);
        }
    }

    @Override
    public void reject(int code) {
        if (code < 600) { // 4xx from one fork: the others keep ringing until the ring timer
            boolean last;
            synchronized (call) {
                call.forks.remove(this);
                // RFC 3261 section 16.7: once every branch has answered finally, the caller gets the response
                last = call.forks.isEmpty() && !call.smartphoneRinging && call.routed;
            }
            if (last) {
                network.endAlerting(call, code);
            }
            return;
        }
        if (!call.move(SimCall.State.ALERTING, SimCall.State.ENDED)) {
            return;
        }
        network.forget(call);
        for (SimFork other : call.forks) {
            if (other != this && other.observer != null) {
                other.observer.cancelled(false, code);
            }
        }
        if (call.caller != null) {
            call.caller.failed(code);
        }
    }

    @Override
    public void bye() {
        synchronized (call) {
            if (call.answeredFork != this || !call.move(SimCall.State.CONNECTED, SimCall.State.ENDED)) {
                return;
            }
        }
        network.forget(call);
        if (call.caller != null) {
            call.caller.hungUp();
        }
    }

    @Override
    public String reOffer(String offer) {
        if (call.state() != SimCall.State.CONNECTED) {
            throw new NetworkRefusal(481, "Call/Transaction Does Not Exist", false);
        }
        if (call.caller != null) { // the caller is a web endpoint: the gateway answers on its behalf
            String answer = call.caller.reOffered(offer);
            if (answer == null) {
                throw new NetworkRefusal(488, "Not Acceptable Here", false);
            }
            return answer;
        }
        synchronized (call) {
            String answer = Sdp.answerFor(offer, call.farEndSdp, Sdp.otherRole(Sdp.setup(call.webAnswer)));
            call.farEndSdp = answer;
            return answer;
        }
    }
}
