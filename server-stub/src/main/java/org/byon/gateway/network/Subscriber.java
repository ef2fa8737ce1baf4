package org.byon.gateway.network;

/**
 * A subscriber of the simulated operator.
 *
 * @param name        the OAuth client id of the embedded authorization server
 * @param secret      the client secret (embedded authorization server only)
 * @param phoneNumber E.164
 */
public record Subscriber(String name, String secret, String phoneNumber) {
    /** Never the secret (records print every component). */
    @Override
    public String toString() {
        return "Subscriber[name=" + name + ", phoneNumber=" + phoneNumber + "]";
    }
}
