package org.byon.gateway.common;

import java.util.Objects;

/**
 * Who a resource belongs to: the API client the token was issued to and the subscriber's phone number it proves
 * (byon.yaml: "every resource belongs to the subscriber and client whose token created it").
 *
 * @param client      the client the access token was issued to: its {@code client_id} claim (RFC 9068 2.2), else
 *                    {@code azp} (OpenID Connect Core 2), else {@code sub} (a client-credentials token's subject)
 * @param phoneNumber E.164 number from the {@code phone_number} claim
 */
public record Owner(String client, String phoneNumber) {
    public Owner {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
    }
}
