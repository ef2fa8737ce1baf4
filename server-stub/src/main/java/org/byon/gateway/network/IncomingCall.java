package org.byon.gateway.network;

/**
 * A call the network offers to one binding (an INVITE forked to one web endpoint). The gateway rings, answers
 * or rejects it; once answered, either side may re-offer or hang up. Methods called after the call ended are
 * no-ops.
 */
public interface IncomingCall {
    /** The network's id of the call: the same for every fork, and for a call the gateway itself originated. */
    String networkCallId();

    /** The binding the call is offered to. */
    String bindingId();

    /** The caller's E.164 number (from P-Asserted-Identity or From), or null when it carries none. */
    String callerNumber();

    /** The called subscriber's E.164 number. */
    String calleeNumber();

    /** The caller's SDP offer. */
    String offer();

    /** 180 Ringing. */
    void ring();

    /** 200 OK with the answer. */
    void answer(String answer);

    /** A final refusal: 486 Busy Here, 480 Temporarily Unavailable, 603 Decline, ... */
    void reject(int code);

    /** BYE after the answer. */
    void bye();

    /** A new offer from the gateway's side (re-INVITE); returns the far end's answer. */
    String reOffer(String offer);
}
