package org.byon.gateway.network;

/** What the network reports about an incoming call after it was offered. Called on network threads. */
public interface IncomingObserver {
    /**
     * The network cancelled the call before the answer (CANCEL).
     *
     * @param answeredElsewhere true for {@code Reason: SIP;cause=200} (RFC 3326: another contact answered)
     * @param cause             the Reason's cause (200, 603, ...) or 0 when the CANCEL carried none
     */
    void cancelled(boolean answeredElsewhere, int cause);

    /** The far end hung up (BYE), or the network released the call. */
    void hungUp();

    /** The far end re-offers (re-INVITE, e.g. hold); returns the gateway's answer. */
    String reOffered(String offer);
}
