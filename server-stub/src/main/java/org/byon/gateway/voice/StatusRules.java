package org.byon.gateway.voice;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.network.Sdp;

/**
 * Which PUT {@code status} a leg may take in which state, and the SDP each one needs (contract.md "Voice
 * session states", table "PUT /voice/sessions/{voiceSessionId}/status"). Stateless.
 */
final class StatusRules {
    private StatusRules() {
    }

    /** @throws ByonException INVALID_ARGUMENT when the request or the SDP it needs is missing or invalid */
    static void checkRequest(StatusRequest request, String offer, String answer) {
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
    }

    /** True when the leg, in its call's current phase, may take the requested status. Caller holds the lock. */
    static boolean allowed(VoiceSession leg, StatusRequest request) {
        Call call = leg.call;
        boolean alertingIncoming = leg.direction == Direction.Incoming && call.phase == Call.Phase.ALERTING
                && (leg.status == VoiceStatus.Initial || leg.status == VoiceStatus.Ringing);
        return switch (request) {
            case Ringing -> alertingIncoming && leg.status == VoiceStatus.Initial;
            case Connected, Declined -> alertingIncoming;
            case Hold -> call.phase == Call.Phase.CONNECTED && leg.status == VoiceStatus.Connected;
            case Resume -> call.phase == Call.Phase.CONNECTED && leg.status == VoiceStatus.Hold;
        };
    }
}
