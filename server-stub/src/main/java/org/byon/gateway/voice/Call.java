package org.byon.gateway.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.byon.gateway.network.OutgoingDialog;

/**
 * A call as the gateway sees it: the caller side (a web leg, or a party in the network) and the callee side
 * (the web legs the network forked the call to, or a party in the network). Its id is the network's call id. Every change to the
 * call or any of its legs happens under {@link #lock}: that is what makes a client DELETE racing a network
 * release produce exactly one terminal state per leg.
 */
final class Call {
    enum Phase { ROUTING, ALERTING, CONNECTED, ENDED }

    /** Who is on the callee side. */
    enum CalleeKind { SUBSCRIBER, EXTERNAL, NONE }

    final String id;
    final ReentrantLock lock = new ReentrantLock();
    final String callerNumber;
    final String calleeNumber;
    final String offer;
    final String callType;
    final long createdAt = System.currentTimeMillis();

    // guarded by lock
    Phase phase = Phase.ROUTING;
    CalleeKind calleeKind = CalleeKind.NONE;
    VoiceSession callerLeg;
    final List<VoiceSession> calleeLegs = new ArrayList<>();
    /** The answering web leg; null when the smartphone or an external number answered. */
    VoiceSession answeredLeg;
    String answeredBy;
    boolean held;
    /** The latest SDP of a far end that is no web leg of this call. */
    String farEndSdp;
    boolean countedBusy;
    final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** The caller leg's dialog in the network once the call was originated; null before, or for incoming calls. */
    OutgoingDialog dialog;

    Call(String id, String callerNumber, String calleeNumber, String offer, String callType) {
        this.id = id;
        this.callerNumber = callerNumber;
        this.calleeNumber = calleeNumber;
        this.offer = offer;
        this.callType = callType;
    }

    /** Every web leg not yet terminated. */
    List<VoiceSession> liveLegs() {
        List<VoiceSession> out = new ArrayList<>();
        if (callerLeg != null && !callerLeg.terminal()) {
            out.add(callerLeg);
        }
        for (VoiceSession l : calleeLegs) {
            if (!l.terminal()) {
                out.add(l);
            }
        }
        return out;
    }

    /** The other web leg of a connected call, if it is a web endpoint. */
    VoiceSession peerOf(VoiceSession leg) {
        if (leg == callerLeg) {
            return answeredLeg;
        }
        return leg == answeredLeg ? callerLeg : null;
    }

    void cancelTimers() {
        for (ScheduledFuture<?> f : timers) {
            f.cancel(false);
        }
        timers.clear();
    }
}
