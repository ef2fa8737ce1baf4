package org.byon.gateway.voice;

/** The contract's {@code VoiceSessionStatus} (CAMARA SessionStatus values). */
public enum VoiceStatus {
    Initial, InProgress, Ringing, Connected, Hold, Terminated, Busy, Declined, NoAnswer, NotReachable, Failed,
    SessionCancelled;

    public boolean terminal() {
        return switch (this) {
            case Terminated, Busy, Declined, NoAnswer, NotReachable, Failed, SessionCancelled -> true;
            default -> false;
        };
    }
}
