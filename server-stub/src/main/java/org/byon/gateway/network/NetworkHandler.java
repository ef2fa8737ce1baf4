package org.byon.gateway.network;

/** The gateway's receiver of the network's own events. */
public interface NetworkHandler {
    /** Ignores every event (before the gateway installed its handler). */
    NetworkHandler NONE = new NetworkHandler() {
        @Override
        public IncomingObserver incoming(IncomingCall call) {
            return null;
        }

        @Override
        public void bindingEnded(String bindingId) {
        }
    };

    /**
     * A call for a binding. The handler may ring, answer or reject it at once or later.
     *
     * @return the observer of the call's further events, or null when the binding is unknown (the network
     *         answers 480 Temporarily Unavailable)
     */
    IncomingObserver incoming(IncomingCall call);

    /** The network removed a binding (network-initiated de-registration, or a refresh it refused). */
    void bindingEnded(String bindingId);
}
