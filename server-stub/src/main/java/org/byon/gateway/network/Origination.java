package org.byon.gateway.network;

/**
 * A call to originate.
 *
 * @param callId        the gateway's id for the call; the network uses it to correlate the call with any leg of
 *                      it that comes back to the gateway's own bindings
 * @param bindingId     the calling web endpoint's binding
 * @param callerNumber  the caller's E.164 number (From / P-Preferred-Identity)
 * @param calleeAddress the callee as requested (TEL or SIP URI)
 * @param calleeNumber  the E.164 number in {@code calleeAddress}, or null
 * @param offer         the caller's SDP offer, passed unchanged
 */
public record Origination(String callId, String bindingId, String callerNumber, String calleeAddress,
                          String calleeNumber, String offer) {
}
