package org.byon.gateway.network.simulated;

import java.util.Map;
import java.util.Optional;

/** The fixed behaviour of the external test numbers (docs/gateway.md). */
public enum ExternalBehaviour {
    /** Answers after about 1 s with an SDP answer built from the offer's audio m-line. */
    ANSWER,
    /** 486 Busy Here. */
    BUSY,
    /** Rings until the ring timer fires. */
    NO_ANSWER,
    /** Rings, then 603 Decline. */
    DECLINE;

    private static final Map<String, ExternalBehaviour> NUMBERS = Map.of(
            "+447700900100", ANSWER,
            "+447700900101", BUSY,
            "+447700900102", NO_ANSWER,
            "+447700900103", DECLINE);

    public static Optional<ExternalBehaviour> of(String number) {
        return Optional.ofNullable(NUMBERS.get(number));
    }
}
