package org.byon.gateway.common;

import java.util.Objects;

/**
 * Who a resource belongs to: the token's subject (client) and the subscriber's phone number it proves.
 *
 * @param subject     the {@code sub} claim
 * @param phoneNumber E.164 number from the {@code phone_number} claim
 */
public record Owner(String subject, String phoneNumber) {
    public Owner {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
    }
}
