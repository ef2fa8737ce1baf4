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

    private CallerTokens() {
    }

    public static Owner owner() {
        Jwt jwt = jwt();
        String phone = PhoneNumbers.numberOf(jwt.getClaimAsString(PHONE_NUMBER)).orElseThrow(() ->
                new ByonException(ErrorCode.PERMISSION_DENIED, "the access token does not identify a subscriber"));
        String subject = Optional.ofNullable(jwt.getSubject()).orElse(phone);
        return new Owner(subject, phone);
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
