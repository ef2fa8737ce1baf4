package org.byon.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.byon.client.internal.ClientCredentialsTokenSource;
import org.byon.client.internal.SupplierTokenSource;

/**
 * Supplies the OAuth 2.0 access tokens that {@link ByonClient} sends as {@code Authorization: Bearer}
 * on every request. The token identifies the subscriber (their phone number); the gateway takes no
 * phone number from the client that the token does not prove.
 *
 * <p>Two implementations are provided:
 * <ul>
 *   <li>{@link #clientCredentials(URI, String, String)}: the OAuth 2.0 client credentials grant
 *       (RFC 6749 section 4.4) against a token URL, with client authentication by HTTP Basic. The
 *       token is cached and renewed shortly before it expires ({@code expires_in}); under
 *       concurrency only one token request is in flight at a time and every waiting thread gets
 *       its result.</li>
 *   <li>{@link #of(Supplier)}: a caller-supplied token (for example from the operator's IdP through
 *       an authorization-code flow the ASP runs itself). The supplier is asked on every request; when
 *       the token is a JWT its {@code exp} claim is read (not verified) to know when registrations
 *       must be refreshed.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe.
 */
public interface TokenSource {

    /**
     * An access token and when it expires.
     *
     * @param value     the bearer token
     * @param expiresAt when it expires, or {@code null} when unknown
     */
    record Token(String value, Instant expiresAt) {
        /**
         * @param value     the bearer token, not {@code null}
         * @param expiresAt when it expires, or {@code null}
         */
        public Token {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Token[value=***, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Returns a currently valid token, from cache when possible.
     *
     * @return the token
     * @throws ByonAuthenticationException when the token endpoint refuses (e.g. {@code invalid_client})
     * @throws ByonTransportException      when the token endpoint cannot be reached
     */
    Token token();

    /**
     * Returns a token other than {@code stale} if the source can obtain one: used before a token
     * expires to share a fresh one with the gateway (registration refresh). Concurrent renewals of
     * the same stale token result in one token request. The default returns {@link #token()}.
     *
     * @param stale the token that is about to expire
     * @return a fresh token
     */
    default Token renew(Token stale) {
        return token();
    }

    /**
     * A token source for a caller-supplied token, e.g. one obtained from the operator's IdP.
     *
     * @param supplier called on every request; must be thread-safe and return a non-null token
     * @return the token source
     */
    static TokenSource of(Supplier<String> supplier) {
        return new SupplierTokenSource(supplier);
    }

    /**
     * A client credentials token source with default settings (no scope parameter, renewal 60 s
     * before expiry).
     *
     * @param tokenUrl     the token endpoint, e.g. {@code http://localhost:8080/oauth2/token}
     * @param clientId     the client id
     * @param clientSecret the client secret
     * @return the token source
     */
    static TokenSource clientCredentials(URI tokenUrl, String clientId, String clientSecret) {
        return clientCredentialsBuilder(tokenUrl, clientId, clientSecret).build();
    }

    /**
     * A builder for a client credentials token source with non-default settings.
     *
     * @param tokenUrl     the token endpoint
     * @param clientId     the client id
     * @param clientSecret the client secret
     * @return a builder
     */
    static ClientCredentialsBuilder clientCredentialsBuilder(URI tokenUrl, String clientId, String clientSecret) {
        return new ClientCredentialsBuilder(tokenUrl, clientId, clientSecret);
    }

    /**
     * Builds a client credentials {@link TokenSource}. Not thread-safe; the built source is.
     */
    final class ClientCredentialsBuilder {
        private final URI tokenUrl;
        private final String clientId;
        private final String clientSecret;
        private String scope;
        private Duration renewBefore = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;

        private ClientCredentialsBuilder(URI tokenUrl, String clientId, String clientSecret) {
            this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        }

        /**
         * @param scope space-separated scopes to request, e.g. {@code "byon:racm-sessions:create"};
         *              {@code null} (default) sends no scope parameter
         * @return this builder
         */
        public ClientCredentialsBuilder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param renewBefore how long before expiry a cached token is renewed (default 60 s; never
         *                    more than half the token's lifetime)
         * @return this builder
         */
        public ClientCredentialsBuilder renewBefore(Duration renewBefore) {
            this.renewBefore = Objects.requireNonNull(renewBefore, "renewBefore");
            return this;
        }

        /**
         * @param clock the clock deciding expiry (for tests)
         * @return this builder
         */
        public ClientCredentialsBuilder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param httpClient the HTTP client for token requests (default: the HTTP client of the first
         *                   {@link ByonClient} this source is given to; a new one when used alone)
         * @return this builder
         */
        public ClientCredentialsBuilder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** @return the token source */
        public TokenSource build() {
            return new ClientCredentialsTokenSource(tokenUrl, clientId, clientSecret, scope, renewBefore, clock, httpClient);
        }
    }
}
