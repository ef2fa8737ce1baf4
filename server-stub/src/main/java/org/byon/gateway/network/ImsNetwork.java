package org.byon.gateway.network;

/**
 * The port to the operator's IMS network (the P-CSCF), in the network's own words: bindings are registered,
 * refreshed and de-registered; calls are originated and their outcomes (provisional, answer, final failure,
 * each with its SIP code) come back to an {@link OutgoingObserver}; calls for a binding arrive at the
 * {@link NetworkHandler} as {@link IncomingCall}s, which the gateway accepts, rings, answers or rejects; either
 * side may re-offer (hold / resume) or hang up. Adapters: the simulator ({@code byon.network.mode=simulated},
 * the default) and SIP ({@code byon.network.mode=sip}). Implementations are thread-safe and never call an
 * observer while holding a lock of their own.
 */
public interface ImsNetwork {

    /** Installs the receiver of the network's own events (incoming calls, bindings ended by the network). */
    void setHandler(NetworkHandler handler);

    /**
     * Registers a binding (SIP REGISTER) and waits for the network's answer.
     *
     * @throws NetworkRefusal when the network refuses the binding or does not answer
     */
    void register(Binding binding);

    /** Refreshes a binding with its new expiry (a new REGISTER). @throws NetworkRefusal as {@link #register} */
    void refresh(Binding binding);

    /** De-registers a binding (REGISTER with {@code Expires: 0}); never fails (best effort). */
    void deregister(Binding binding);

    /** Originates a call (INVITE with the offer). Outcomes arrive at the observer, possibly before this returns. */
    OutgoingDialog originate(Origination origination, OutgoingObserver observer);

    /**
     * A subscriber is in a call on one of their web endpoints, or left one: while in a call the subscriber is
     * an occupied user and a new call to them is answered 486 Busy Here.
     */
    void occupied(String phoneNumber, boolean inCall);
}
