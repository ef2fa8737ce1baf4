package org.byon.gateway.auth;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's store of authorizations, kept for the browser sign-in only.
 * <ul>
 * <li>Client-credentials tokens (tests, the suite) are self-contained JWTs and are not stored: memory does not grow
 * with them, and they cannot be revoked (the revocation endpoint is not offered, see {@link OAuthEndpoints}).</li>
 * <li>Authorization-code authorizations (the login page) are stored in memory: the code, the access token and the
 * ID token. An access token of a browser client is valid on the API only while its authorization is stored and the
 * token active ({@link #refused}), so logout ({@link #revokeSession}) revokes it at once.</li>
 * <li>Entries whose tokens have all expired are dropped on the next save.</li>
 * </ul>
 * Thread-safe.
 */
public class BrowserAuthorizations implements OAuth2AuthorizationService {
    /** How long an authorization request without any token (waiting for its code exchange) is kept. */
    private static final Duration PENDING = Duration.ofMinutes(10);

    private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Instant> keptUntil = new ConcurrentHashMap<>();
    private final String browserClientId;
    private final String browserRegisteredId;
    private final Clock clock;

    public BrowserAuthorizations(String browserClientId, String browserRegisteredId, Clock clock) {
        this.browserClientId = browserClientId;
        this.browserRegisteredId = browserRegisteredId;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            return;
        }
        purgeExpired();
        store.save(authorization);
        keptUntil.put(authorization.getId(), keptUntil(authorization));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
        keptUntil.remove(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }

    /**
     * Whether the API must refuse this (signature-checked) access token: it was issued to the browser client and
     * its authorization is gone (logout) or the token was invalidated. Other clients' tokens are not stored and
     * never refused here.
     */
    public boolean refused(Jwt jwt) {
        if (!browserClientId.equals(jwt.getClaimAsString(BrowserLoginConfiguration.CLIENT_ID_CLAIM))) {
            return false;
        }
        OAuth2Authorization authorization = store.findByToken(jwt.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
        return authorization == null || authorization.getAccessToken() == null
                || !authorization.getAccessToken().isActive();
    }

    /**
     * Revokes every authorization of the browser client made with the same login as the one the ID token was issued
     * with (the same authenticated principal, details included: one sign-in on the login page), so every access
     * token that page got through that login session is refused by the API. Another login of the same subscriber
     * (another browser) keeps its tokens. Returns how many authorizations were revoked.
     */
    public int revokeSession(OidcIdToken hint) {
        OAuth2Authorization issuedWith = store.findByToken(hint.getTokenValue(),
                new OAuth2TokenType(OidcParameterNames.ID_TOKEN));
        if (issuedWith == null) {
            return 0;
        }
        Object login = issuedWith.getAttribute(Principal.class.getName());
        int[] revoked = {0};
        stored().filter(a -> browserRegisteredId.equals(a.getRegisteredClientId()))
                .filter(a -> a.getId().equals(issuedWith.getId())
                        || login != null && login.equals(a.getAttribute(Principal.class.getName())))
                .forEach(a -> {
                    remove(a);
                    revoked[0]++;
                });
        return revoked[0];
    }

    /** The token if the API may take it, else the refusal the resource server answers 401 with. */
    public Jwt checked(Jwt jwt) {
        if (refused(jwt)) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("the access token was revoked");
        }
        return jwt;
    }

    /** How many authorizations are stored (for tests). */
    public int size() {
        return keptUntil.size();
    }

    private Stream<OAuth2Authorization> stored() {
        return keptUntil.keySet().stream().map(store::findById).filter(Objects::nonNull);
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        keptUntil.forEach((id, until) -> {
            if (until.isBefore(now)) {
                OAuth2Authorization a = store.findById(id);
                if (a != null) {
                    store.remove(a);
                }
                keptUntil.remove(id, until);
            }
        });
    }

    private Instant keptUntil(OAuth2Authorization a) {
        Instant latest = Stream.of(a.getAccessToken(), a.getRefreshToken(), a.getToken(OidcIdToken.class),
                        a.getToken(OAuth2AuthorizationCode.class))
                .filter(Objects::nonNull)
                .map(OAuth2Authorization.Token::getToken)
                .map(OAuth2Token::getExpiresAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
        return latest != null ? latest : clock.instant().plus(PENDING);
    }
}
