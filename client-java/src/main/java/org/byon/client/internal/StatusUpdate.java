package org.byon.client.internal;

import org.byon.client.CallStatus;
import org.byon.client.internal.openapi.model.SdpDescriptor;
import org.byon.client.internal.openapi.model.VoiceSession;

/** A new status of a call leg, from an event or a response. Immutable. */
record StatusUpdate(CallStatus status, String reason, String answerSdp, String offerSdp) {

    static StatusUpdate of(VoiceSession vs) {
        return new StatusUpdate(status(vs.getStatus()), vs.getReason() == null ? null : reason(vs.getReason().toString()),
                sdp(vs.getAnswer()), sdp(vs.getOffer()));
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
