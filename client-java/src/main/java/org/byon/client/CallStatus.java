package org.byon.client;

/**
 * The status of a voice session (the contract's {@code VoiceSessionStatus}, CAMARA
 * {@code SessionStatus} values), plus {@link #UNKNOWN} for values a newer gateway may send that
 * this client does not know (tolerant reader: an unknown value never throws).
 *
 * <p>Outgoing calls move {@code INITIAL -> IN_PROGRESS -> RINGING -> CONNECTED -> TERMINATED} and
 * may end early as {@code BUSY}, {@code DECLINED}, {@code NO_ANSWER}, {@code NOT_REACHABLE},
 * {@code FAILED} or {@code SESSION_CANCELLED}. Enum constants are immutable and thread-safe.
 */
public enum CallStatus {
    /** {@code Initial}: created, not yet routed (incoming calls start here). */
    INITIAL("Initial"),
    /** {@code InProgress}: the network is routing the call (SIP 183). */
    IN_PROGRESS("InProgress"),
    /** {@code Ringing}: the far end is alerting (SIP 180). */
    RINGING("Ringing"),
    /** {@code Connected}: answered (SIP 200 OK). */
    CONNECTED("Connected"),
    /** {@code Hold}: one party has put the call on hold. */
    HOLD("Hold"),
    /** {@code Terminated}: ended after being connected, or answered elsewhere (terminal). */
    TERMINATED("Terminated"),
    /** {@code Busy}: the callee is in another call (terminal). */
    BUSY("Busy"),
    /** {@code Declined}: the callee declined (terminal). */
    DECLINED("Declined"),
    /** {@code NoAnswer}: nobody answered before the ring timeout (terminal). */
    NO_ANSWER("NoAnswer"),
    /** {@code NotReachable}: unknown or unregistered number (terminal). */
    NOT_REACHABLE("NotReachable"),
    /** {@code Failed}: any other failure (terminal). */
    FAILED("Failed"),
    /** {@code SessionCancelled}: the caller cancelled before an answer (terminal). */
    SESSION_CANCELLED("SessionCancelled"),
    /** A value this client does not know; a newer gateway may have sent it. */
    UNKNOWN(null);

    private final String wireValue;

    CallStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** @return the value as written in the contract, e.g. {@code "NoAnswer"}; {@code null} for {@link #UNKNOWN} */
    public String wireValue() {
        return wireValue;
    }

    /** @return whether no further status follows this one (byon.yaml's {@code VoiceSessionStatus} {@code x-terminal}) */
    public boolean isTerminal() {
        return wireValue != null && Terminal.VALUES.contains(wireValue);
    }

    /** Read once from the contract the SDK carries. */
    private static final class Terminal {
        static final java.util.Set<String> VALUES = java.util.Set.copyOf(
                org.byon.openapi.ByonContract.load().terminalVoiceStatuses());
    }

    /**
     * Maps a contract value to a constant.
     *
     * @param wireValue the value from the wire, e.g. {@code "Connected"}; may be {@code null}
     * @return the matching constant, or {@link #UNKNOWN}; never {@code null} and never throws
     */
    public static CallStatus fromWire(String wireValue) {
        if (wireValue != null) {
            for (CallStatus s : values()) {
                if (wireValue.equals(s.wireValue)) {
                    return s;
                }
            }
        }
        return UNKNOWN;
    }
}
