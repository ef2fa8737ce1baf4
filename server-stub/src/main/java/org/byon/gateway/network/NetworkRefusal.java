package org.byon.gateway.network;

/** The network refused a request (a SIP final failure) or did not answer it in time ({@code code} 408). */
public class NetworkRefusal extends RuntimeException {
    private final int code;
    private final boolean unanswered;

    public NetworkRefusal(int code, String reason, boolean unanswered) {
        super(code + " " + reason);
        this.code = code;
        this.unanswered = unanswered;
    }

    /** The SIP status code of the refusal (408 when unanswered). */
    public int code() {
        return code;
    }

    /** True when the network did not answer (timeout, unreachable), false when it answered with a refusal. */
    public boolean unanswered() {
        return unanswered;
    }
}
