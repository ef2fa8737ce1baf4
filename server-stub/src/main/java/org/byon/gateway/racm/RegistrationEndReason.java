package org.byon.gateway.racm;

/** {@code RegistrationEndsData.terminationReason}. */
public enum RegistrationEndReason {
    REGISTRATION_EXPIRED, ACCESS_TOKEN_EXPIRED, NETWORK_TERMINATED, DELETED, CHANNEL_DISCONNECTED
}
