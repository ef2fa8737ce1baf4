package org.byon.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * The API chain's authentication manager: Spring Security's {@link JwtAuthenticationProvider} (same decoder, same
 * converter, same exceptions), with the {@link Authentication} it builds remembered per token string. Every request
 * still goes through the {@link JwtDecoder} bean (which verifies a token once and then answers from its own bounded
 * cache, honouring {@code exp}; the fault decorator and the revocation check of browser tokens sit there too); the
 * remembered {@code Authentication} is reused only when the decoder returned the very {@link Jwt} it was built from
 * and that token has not expired. It saves converting the claims to authorities, the provider manager and an
 * application event per request. Bounded: cleared when it holds {@value #MAX} tokens.
 */
final class TokenAuthentications implements AuthenticationManager {
    static final int MAX = 10_000;

    private final JwtDecoder decoder;
    private final JwtAuthenticationProvider provider;
    private final Clock clock;
    private final Map<String, Authentication> known = new ConcurrentHashMap<>();

    TokenAuthentications(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.provider = new JwtAuthenticationProvider(decoder);
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        if (!(request instanceof BearerTokenAuthenticationToken bearer)) {
            return null;
        }
        String token = bearer.getToken();
        Authentication cached = known.get(token);
        if (cached != null) {
            Jwt jwt;
            try {
                jwt = decoder.decode(token);
            } catch (JwtException e) {
                known.remove(token);
                return provider.authenticate(bearer); // the provider's own mapping of the failure to a 401
            }
            if (cached.getPrincipal() == jwt && jwt.getExpiresAt() != null
                    && jwt.getExpiresAt().isAfter(Instant.now(clock))) {
                return cached;
            }
            known.remove(token);
        }
        Authentication fresh = provider.authenticate(bearer);
        if (fresh != null && fresh.getPrincipal() instanceof Jwt) {
            if (known.size() >= MAX) {
                known.clear();
            }
            known.put(token, fresh);
        }
        return fresh;
    }

    int size() {
        return known.size();
    }
}
