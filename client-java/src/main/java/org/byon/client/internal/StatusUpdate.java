package org.byon.client.internal;

import org.byon.client.CallStatus;
import org.byon.client.internal.openapi.model.SdpDescriptor;
import org.byon.client.internal.openapi.model.VoiceSession;

/**
 * A new status of a call leg, from an event or a response. Immutable.
 *
 * @param sequence the event's channel sequence; {@link #RESPONSE} for a response (no sequence)
 */
record StatusUpdate(CallStatus status, String reason, String answerSdp, String offerSdp, long sequence) {

    /** The sequence of an update read from a response. */
    static final long RESPONSE = -1;

    StatusUpdate(CallStatus status, String reason, String answerSdp, String offerSdp) {
        this(status, reason, answerSdp, offerSdp, RESPONSE);
    }

    static StatusUpdate of(VoiceSession vs) {
        return new StatusUpdate(status(vs.getStatus()), vs.getReason() == null ? null : reason(vs.getReason().toString()),
                sdp(vs.getAnswer()), sdp(vs.getOffer()));
    }

    boolean fromEvent() {
        return sequence != RESPONSE;
    }

    static CallStatus status(Object generatedEnum) {
        return generatedEnum == null ? CallStatus.UNKNOWN : CallStatus.fromWire(generatedEnum.toString());
    }

    static String reason(String value) {
        return EventParser.UNKNOWN_ENUM.equals(value) ? "UNKNOWN" : value;
    }

    static String sdp(SdpDescriptor d) {
        return d == null ? null : d.getSdp();
    }
}
