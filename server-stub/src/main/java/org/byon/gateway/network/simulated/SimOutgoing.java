package org.byon.gateway.network.simulated;

import org.byon.gateway.network.NetworkRefusal;
import org.byon.gateway.network.OutgoingDialog;
import org.byon.gateway.network.Sdp;

/** A web endpoint's dialog of a call it originated into the simulated core. */
final class SimOutgoing implements OutgoingDialog {
    private final SimulatedNetwork network;
    private final SimCall call;

    SimOutgoing(SimulatedNetwork network, SimCall call) {
        this.network = network;
        this.call = call;
    }

    @Override
    public void cancel() {
        if (!call.move(SimCall.State.ALERTING, SimCall.State.ENDED)) {
            return;
        }
        network.forget(call);
        for (SimFork f : call.forks) {
            if (f.observer != null) {
                f.observer.cancelled(false, 0);
            }
        }
    }

    @Override
    public void bye() {
        SimFork answered;
        synchronized (call) {
            answered = call.answeredFork;
            if (!call.move(SimCall.State.CONNECTED, SimCall.State.ENDED)) {
                return;
            }
        }
        network.forget(call);
        if (answered != null && answered.observer != null) {
            answered.observer.hungUp();
        }
    }

    @Override
    public String reOffer(String offer) {
        SimFork answered;
        synchronized (call) {
            if (call.state != SimCall.State.CONNECTED) {
                throw new NetworkRefusal(481, "Call/Transaction Does Not Exist", false);
            }
            answered = call.answeredFork;
            if (answered == null) {
                String answer = Sdp.answerFor(offer, call.farEndSdp, null);
                call.farEndSdp = answer;
                return answer;
            }
        }
        String answer = answered.observer == null ? null : answered.observer.reOffered(offer);
        if (answer == null) {
            throw new NetworkRefusal(488, "Not Acceptable Here", false);
        }
        return answer;
    }
}
