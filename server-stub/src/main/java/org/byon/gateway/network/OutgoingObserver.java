package org.byon.gateway.network;

/** What the network reports about a call the gateway originated. Called on network threads. */
public interface OutgoingObserver {
    /**
     * A provisional response: 100 Trying, 180 Ringing, 181/182 (forwarded / queued), 183 Session Progress.
     *
     * @param earlyAnswer the far end's SDP answer carried by the response (early media, RFC 3960), or null
     */
    void provisional(int code, String earlyAnswer);

    /** 200 OK with the far end's answer. */
    void answered(String answer);

    /** A final failure (4xx, 5xx, 6xx; 408 also when the network never answered). */
    void failed(int code);

    /** The far end hung up (BYE). */
    void hungUp();

    /** The far end re-offers (re-INVITE, e.g. hold); returns the gateway's answer. */
    String reOffered(String offer);
}
