package org.byon.gateway.voice;

/** The contract's {@code VoiceSessionStatus} (CAMARA SessionStatus values). */
public enum VoiceStatus {
    Initial, InProgress, Ringing, Connected, Hold, Terminated, Busy, Declined, NoAnswer, NotReachable, Failed,
    SessionCancelled;

    /** Whether no status follows this one: byon.yaml's {@code VoiceSessionStatus} {@code x-terminal} list. */
    public boolean terminal() {
        return Terminal.VALUES.contains(name());
    }

    /** Read once from the contract (a holder: an enum's own static fields are not initialised before its constants). */
    private static final class Terminal {
        static final java.util.Set<String> VALUES = java.util.Set.copyOf(
                org.byon.openapi.ByonContract.load().terminalVoiceStatuses());
    }
}
