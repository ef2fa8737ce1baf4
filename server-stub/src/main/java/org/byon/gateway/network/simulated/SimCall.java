package org.byon.gateway.network.simulated;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import org.byon.gateway.network.OutgoingObserver;

/**
 * A call in the simulated IMS core: its caller (a web endpoint's dialog, or an injected external party) and the
 * forks to the callee's bindings. State transitions are decided under the call's monitor; observers are called
 * after it is released.
 */
final class SimCall {
    enum State { ALERTING, CONNECTED, ENDED }

    final String id;
    final String callerNumber;
    final String calleeNumber;
    final String offer;
    /** The web caller's dialog observer; null for an injected call. */
    final OutgoingObserver caller;
    final List<SimFork> forks = new CopyOnWriteArrayList<>();

    // guarded by this
    State state = State.ALERTING;
    boolean smartphoneRinging;
    /** The call has been offered to every binding of the callee (a fork's refusal may end it from then on). */
    boolean routed;
    SimFork answeredFork;
    String answeredBy;
    /** The latest SDP of the far end that is no web endpoint (external number, smartphone, injected caller). */
    String farEndSdp;
    /** The answering web endpoint's SDP answer. */
    String webAnswer;
    final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();

    SimCall(String id, String callerNumber, String calleeNumber, String offer, OutgoingObserver caller) {
        this.id = id;
        this.callerNumber = callerNumber;
        this.calleeNumber = calleeNumber;
        this.offer = offer;
        this.caller = caller;
    }

    /** Moves from one state to another; false (nothing changes) when the call is not in {@code from}. */
    synchronized boolean move(State from, State to) {
        if (state != from) {
            return false;
        }
        state = to;
        if (to != State.ALERTING) {
            smartphoneRinging = false;
            for (ScheduledFuture<?> t : timers) {
                t.cancel(false);
            }
            timers.clear();
        }
        return true;
    }

    synchronized State state() {
        return state;
    }
}
