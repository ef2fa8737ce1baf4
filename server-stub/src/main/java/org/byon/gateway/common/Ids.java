package org.byon.gateway.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Opaque ids and unguessable credentials. Thread-safe. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** An opaque, non-numeric id with a readable prefix, e.g. {@code vs-3f2a...}. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** 256 random bits, URL-safe base64 without padding. */
    public static String newCredential() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
