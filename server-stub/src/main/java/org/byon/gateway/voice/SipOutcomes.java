package org.byon.gateway.voice;

/**
 * The contract's SIP mapping (contract.md "Mapping to the network", byon.yaml voice session states): which
 * voice session status and reason a SIP response or CANCEL gives a leg. Stateless.
 */
final class SipOutcomes {
    private SipOutcomes() {
    }

    /** An outgoing leg's status after a provisional response, or null when the response changes nothing. */
    static VoiceStatus provisional(int code) {
        return switch (code) {
            case 180 -> VoiceStatus.Ringing;
            case 181, 182, 183 -> VoiceStatus.InProgress;
            default -> null; // 100 Trying and unknown 1xx
        };
    }

    /** An outgoing leg's terminal status after a final failure. */
    static VoiceStatus failureStatus(int code) {
        return switch (code) {
            case 486, 600 -> VoiceStatus.Busy;
            case 603 -> VoiceStatus.Declined;
            case 408 -> VoiceStatus.NoAnswer;
            case 404, 480, 484, 604 -> VoiceStatus.NotReachable;
            case 487 -> VoiceStatus.SessionCancelled;
            default -> VoiceStatus.Failed;
        };
    }

    static VoiceReason failureReason(int code) {
        return switch (failureStatus(code)) {
            case Busy -> VoiceReason.BUSY;
            case Declined -> VoiceReason.DECLINED;
            case NoAnswer -> VoiceReason.NO_ANSWER;
            case NotReachable -> VoiceReason.NOT_REACHABLE;
            case SessionCancelled -> VoiceReason.CALLER_CANCELLED;
            default -> VoiceReason.NETWORK_FAILURE;
        };
    }

    /**
     * An unanswered incoming leg's terminal status when the network cancels it, by the CANCEL's Reason cause
     * (RFC 3326): 200 another contact answered, 603 another contact declined, 408 nobody answered in time,
     * anything else the caller gave up.
     */
    static VoiceStatus cancelStatus(boolean answeredElsewhere, int cause) {
        if (answeredElsewhere || cause == 200) {
            return VoiceStatus.Terminated;
        }
        return cause == 408 ? VoiceStatus.NoAnswer : VoiceStatus.SessionCancelled;
    }

    static VoiceReason cancelReason(boolean answeredElsewhere, int cause) {
        if (answeredElsewhere || cause == 200) {
            return VoiceReason.ANSWERED_ELSEWHERE;
        }
        return switch (cause) {
            case 603 -> VoiceReason.DECLINED;
            case 408 -> VoiceReason.NO_ANSWER;
            default -> VoiceReason.CALLER_CANCELLED;
        };
    }
}
