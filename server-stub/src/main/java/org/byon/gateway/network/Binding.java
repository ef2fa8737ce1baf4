package org.byon.gateway.network;

import java.time.Instant;
import java.util.UUID;

/**
 * A web endpoint's binding in the network: the subscriber's public identity (from {@code phoneNumber}) bound
 * to the endpoint's own contact, one binding per device ({@code +sip.instance}, RFC 5626).
 *
 * @param id          the gateway's id of the binding (the RACM session id)
 * @param phoneNumber the subscriber's E.164 number
 * @param deviceId    the web endpoint's device id
 * @param expiresAt   until when the binding is wanted
 */
public record Binding(String id, String phoneNumber, UUID deviceId, Instant expiresAt) {
}
