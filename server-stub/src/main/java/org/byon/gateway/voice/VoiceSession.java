package org.byon.gateway.voice;

import org.byon.gateway.common.Owner;
import org.byon.gateway.network.IncomingCall;

/**
 * One leg of a call as seen by one web endpoint. Mutable fields are guarded by the lock of the
 * {@link Call} the leg belongs to.
 */
final class VoiceSession {
    final String id;
    final Call call;
    final Direction direction;
    final String racmSessionId;
    final String channelId;
    final Owner owner;
    final String originatorAddress;
    final String originatorName;
    final String receiverAddress;
    final String receiverName;
    final String callType;
    VoiceStatus status = VoiceStatus.Initial;
    String offer;
    String answer;
    /**
     * The latest SDP of this endpoint's side of the dialog: its offer (caller) or answer (callee), then its own
     * hold/resume offers and the answers the network gave on its behalf to the peer's.
     */
    String localSdp;
    /** This endpoint's DTLS role once the call is answered by a web leg (active or passive), or null. */
    String dtlsRole;
    VoiceReason reason;
    /** An incoming leg's call in the network (null for an outgoing leg). */
    IncomingCall incoming;

    VoiceSession(String id, Call call, Direction direction, String racmSessionId, String channelId, Owner owner,
                 String originatorAddress, String originatorName, String receiverAddress, String receiverName,
                 String callType, String offer) {
        this.id = id;
        this.call = call;
        this.direction = direction;
        this.racmSessionId = racmSessionId;
        this.channelId = channelId;
        this.owner = owner;
        this.originatorAddress = originatorAddress;
        this.originatorName = originatorName;
        this.receiverAddress = receiverAddress;
        this.receiverName = receiverName;
        this.callType = callType;
        this.offer = offer;
    }

    boolean terminal() {
        return status.terminal();
    }

    VoiceSessionView view() {
        return new VoiceSessionView(id, racmSessionId, direction, originatorAddress, originatorName, receiverAddress,
                receiverName, status, offer, answer, callType, reason);
    }
}
