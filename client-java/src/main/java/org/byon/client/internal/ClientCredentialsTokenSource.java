package org.byon.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.byon.client.ByonAuthenticationException;
import org.byon.client.ByonTransportException;
import org.byon.client.TokenSource;

/**
 * OAuth 2.0 client credentials grant with caching, renewal before expiry and single-flight
 * token requests. Without an HTTP client of its own it uses the one of the first {@code ByonClient}
 * it is given to ({@link #bind}), so that a client costs one HTTP client, not two. Thread-safe.
 */
public final class ClientCredentialsTokenSource implements TokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lifetime assumed when the token endpoint gives neither expires_in nor a JWT exp. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private final URI tokenUrl;
    private final String basicAuth;
    private final String scope;
    private final Duration renewBefore;
    private final Clock clock;
    private volatile HttpClient http;

    private final Object lock = new Object();
    private volatile Cached current;
    private CompletableFuture<Cached> inflight; // guarded by lock

    private record Cached(Token token, Instant renewAt) {
    }

    public ClientCredentialsTokenSource(URI tokenUrl, String clientId, String clientSecret, String scope,
                                        Duration renewBefore, Clock clock, HttpClient http) {
        this.tokenUrl = tokenUrl;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.scope = scope;
        this.renewBefore = renewBefore;
        this.clock = clock;
        this.http = http;
    }

    /** Uses {@code client} for token requests unless an HTTP client was set already; the first wins. */
    public synchronized void bind(HttpClient client) {
        if (http == null) {
            http = client;
        }
    }

    /** Stops using {@code client} (its owner closed it); the next token request binds anew or creates its own. */
    public synchronized void unbind(HttpClient client) {
        if (http == client) {
            http = null;
        }
    }

    private HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                }
                h = http;
            }
        }
        return h;
    }

    @Override
    public Token token() {
        return Async.await(tokenAsync());
    }

    @Override
    public Token renew(Token stale) {
        return Async.await(renewAsync(stale));
    }

    /** {@link #token()} without blocking: a cached token at once, else the (single-flight) token request's. */
    public CompletableFuture<Token> tokenAsync() {
        Cached c = current;
        if (c != null && clock.instant().isBefore(c.renewAt())) {
            return CompletableFuture.completedFuture(c.token());
        }
        return fetchSingleFlight(null);
    }

    /** {@link #renew(Token)} without blocking. */
    public CompletableFuture<Token> renewAsync(Token stale) {
        Cached c = current;
        if (c != null && !c.token().equals(stale) && clock.instant().isBefore(c.renewAt())) {
            return CompletableFuture.completedFuture(c.token());
        }
        return fetchSingleFlight(stale);
    }

    private CompletableFuture<Token> fetchSingleFlight(Token stale) {
        CompletableFuture<Cached> future;
        boolean mine = false;
        synchronized (lock) {
            Cached c = current;
            if (c != null && clock.instant().isBefore(c.renewAt()) && (stale == null || !c.token().equals(stale))) {
                return CompletableFuture.completedFuture(c.token());
            }
            if (inflight == null) {
                inflight = new CompletableFuture<>();
                mine = true;
            }
            future = inflight;
        }
        if (mine) {
            CompletableFuture<Cached> mineFuture = future;
            fetch().whenComplete((fetched, error) -> {
                if (error == null) {
                    current = fetched;
                }
                synchronized (lock) {
                    inflight = null;
                }
                if (error == null) {
                    mineFuture.complete(fetched);
                } else {
                    mineFuture.completeExceptionally(Async.unwrap(error));
                }
            });
        }
        return future.handle((fetched, error) -> {
            if (error == null) {
                return fetched.token();
            }
            Cached c = current;
            // a failed renewal does not fail requests while the old token is still valid
            if (c != null && c.token().expiresAt() != null && clock.instant().isBefore(c.token().expiresAt())) {
                return c.token();
            }
            Throwable cause = Async.unwrap(error);
            throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
        });
    }

    private CompletableFuture<Cached> fetch() {
        StringBuilder body = new StringBuilder("grant_type=client_credentials");
        if (scope != null && !scope.isBlank()) {
            body.append("&scope=").append(form(scope));
        }
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        Instant requestedAt = clock.instant();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                Throwable cause = Async.unwrap(error);
                throw new ByonTransportException("token request to " + tokenUrl + " failed",
                        cause instanceof IOException io ? io : new IOException(cause));
            }
            return parse(response, requestedAt);
        });
    }

    private Cached parse(HttpResponse<String> response, Instant requestedAt) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body() == null ? "" : response.body());
        } catch (IOException e) {
            json = null;
        }
        if (response.statusCode() / 100 != 2 || json == null || !json.path("access_token").isTextual()) {
            String error = json == null ? null : json.path("error").asText(null);
            String description = json == null ? abbreviate(response.body()) : json.path("error_description").asText(error);
            throw new ByonAuthenticationException(response.statusCode(), error == null ? "UNKNOWN" : error,
                    "token request failed: " + description, null);
        }
        String value = json.get("access_token").asText();
        Instant expiresAt;
        if (json.path("expires_in").canConvertToLong()) {
            expiresAt = requestedAt.plusSeconds(json.get("expires_in").asLong());
        } else {
            expiresAt = Jwt.expiry(value);
            if (expiresAt == null) {
                expiresAt = requestedAt.plus(DEFAULT_LIFETIME);
            }
        }
        Duration lifetime = Duration.between(requestedAt, expiresAt);
        Duration ahead = renewBefore.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : renewBefore;
        return new Cached(new Token(value, expiresAt), expiresAt.minus(ahead));
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
