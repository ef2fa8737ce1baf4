package org.byon.gateway.auth;

import java.time.Instant;
import java.util.Optional;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Owner;
import org.byon.gateway.network.PhoneNumbers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller as proven by the request's access token. */
public final class CallerTokens {
    /** The claim carrying the subscriber's E.164 number (OpenID Connect Core 5.1 {@code phone_number}). */
    public static final String PHONE_NUMBER = "phone_number";
    /** RFC 9068 section 2.2: the client the access token was issued to. */
    public static final String CLIENT_ID = "client_id";
    /** OpenID Connect Core section 2: the authorized party. */
    public static final String AUTHORIZED_PARTY = "azp";

    private CallerTokens() {
    }

    public static Owner owner() {
        Jwt jwt = jwt();
        String phone = PhoneNumbers.numberOf(jwt.getClaimAsString(PHONE_NUMBER)).orElseThrow(() ->
                new ByonException(ErrorCode.PERMISSION_DENIED, "the access token does not identify a subscriber"));
        // the client, not the subject: a three-legged token's sub is the subscriber, the same for every client
        String client = Optional.ofNullable(jwt.getClaimAsString(CLIENT_ID))
                .or(() -> Optional.ofNullable(jwt.getClaimAsString(AUTHORIZED_PARTY)))
                .or(() -> Optional.ofNullable(jwt.getSubject()))
                .orElseThrow(() -> new ByonException(ErrorCode.UNAUTHENTICATED, "the access token names no client"));
        return new Owner(client, phone);
    }

    /** When the request's access token expires (null if it has no {@code exp}). */
    public static Instant expiresAt() {
        return jwt().getExpiresAt();
    }

    private static Jwt jwt() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a instanceof JwtAuthenticationToken token) {
            return token.getToken();
        }
        throw new ByonException(ErrorCode.UNAUTHENTICATED, "no access token");
    }
}
