package org.byon.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.byon.client.ByonApiException;
import org.byon.client.ByonAuthenticationException;
import org.byon.client.ByonException;
import org.byon.client.ByonTransportException;
import org.byon.client.TokenSource;
import org.byon.client.internal.openapi.ApiClient;
import org.byon.client.internal.openapi.ApiException;
import org.byon.client.internal.openapi.ApiResponse;
import org.byon.client.internal.openapi.api.NotificationChannelsApi;
import org.byon.client.internal.openapi.api.RacmApi;
import org.byon.client.internal.openapi.api.VoiceSessionsApi;

/**
 * The edge towards the generated client: adds the bearer token and the {@code x-correlator} to every
 * request, retries idempotent requests ({@link Retry}), logs each exchange and maps failures to the
 * {@link ByonException} types. All generated API classes share the one {@link HttpClient} of
 * {@link Http}. Immutable and thread-safe (the generated API classes are stateless after construction).
 */
public final class Transport {

    /** The header of the CAMARA correlator. */
    public static final String CORRELATOR = "x-correlator";

    /** One generated operation, given the extra headers to send. */
    @FunctionalInterface
    public interface Op<T> {
        ApiResponse<T> call(Map<String, String> headers) throws ApiException;
    }

    private final Apis apis;
    private final TokenSource tokens;
    private final Supplier<String> correlators;

    /** What all views share: the generated API objects of one base URI, the HTTP client, the log, the retry policy. */
    public record Apis(NotificationChannelsApi channels, RacmApi racm, VoiceSessionsApi voice, ObjectMapper mapper,
                       Http http, Log log, Retry retry) {
    }

    /** A transport with its own HTTP client and executor, the default log and retries (tests). */
    public Transport(URI apiBase, TokenSource tokens, Supplier<String> correlators, Duration requestTimeout) {
        this(apiBase, tokens, correlators, requestTimeout, Http.of(null, null), new Log(null), Retry.DEFAULT);
    }

    public Transport(URI apiBase, TokenSource tokens, Supplier<String> correlators, Duration requestTimeout, Http http,
                     Log log, Retry retry) {
        this(createApis(apiBase, requestTimeout, http, log, retry), tokens, correlators);
    }

    private Transport(Apis apis, TokenSource tokens, Supplier<String> correlators) {
        this.apis = apis;
        this.tokens = Objects.requireNonNull(tokens, "tokenSource");
        this.correlators = correlators != null ? correlators : () -> UUID.randomUUID().toString();
    }

    private static Apis createApis(URI apiBase, Duration requestTimeout, Http http, Log log, Retry retry) {
        ApiClient client = new ApiClient(new Shared(http.client()), ApiClient.createDefaultObjectMapper(),
                stripSlash(apiBase.toString()));
        client.setReadTimeout(requestTimeout);
        client.setResponseInterceptor(response -> log.debug(response.request().method() + " " + response.request().uri()
                + " -> " + response.statusCode() + " [" + CORRELATOR + " "
                + response.request().headers().firstValue(CORRELATOR).orElse("-") + "]"));
        return new Apis(new NotificationChannelsApi(client), new RacmApi(client), new VoiceSessionsApi(client),
                client.getObjectMapper(), http, log, retry);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** @return a view of this transport whose requests all carry {@code correlator} */
    public Transport withCorrelator(String correlator) {
        Objects.requireNonNull(correlator, "correlator");
        return new Transport(apis, tokens, () -> correlator);
    }

    public NotificationChannelsApi channels() {
        return apis.channels();
    }

    public RacmApi racm() {
        return apis.racm();
    }

    public VoiceSessionsApi voice() {
        return apis.voice();
    }

    /** @return the generated client's (tolerant) object mapper */
    public ObjectMapper mapper() {
        return apis.mapper();
    }

    public TokenSource tokens() {
        return tokens;
    }

    public Http http() {
        return apis.http();
    }

    public Executor executor() {
        return apis.http().executor();
    }

    public Log log() {
        return apis.log();
    }

    /** Sends a non-idempotent request ({@code POST}) once, with a token from the token source. */
    public <T> T send(Op<T> op) {
        return send(op, null, false);
    }

    /** Sends an idempotent request ({@code GET}, {@code PUT}, {@code DELETE}), retried per {@link Retry}. */
    public <T> T sendIdempotent(Op<T> op) {
        return send(op, null, true);
    }

    /**
     * Sends one request.
     *
     * @param op         the generated operation
     * @param token      the token to use instead of the token source's, or {@code null}
     * @param idempotent whether 429, 503 and connection failures may be retried
     * @return the response body (null for 204)
     */
    public <T> T send(Op<T> op, TokenSource.Token token, boolean idempotent) {
        String correlator = correlators.get();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(op, token, correlator);
            } catch (ByonException e) {
                Duration wait = idempotent ? retryDelay(e, attempt) : null;
                if (wait == null) {
                    throw e;
                }
                log().debug("retrying in " + wait.toMillis() + " ms after: " + e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Duration retryDelay(ByonException e, int attempt) {
        if (e instanceof ByonApiException api) {
            return Retry.retryable(api.status()) ? apis.retry().delay(attempt, api.retryAfter().orElse(null)) : null;
        }
        if (e instanceof ByonTransportException t && !(t.getCause() instanceof InterruptedIOException)) {
            return apis.retry().delay(attempt, null);
        }
        return null;
    }

    private <T> T once(Op<T> op, TokenSource.Token token, String correlator) {
        TokenSource.Token used = token != null ? token : tokens.token();
        try {
            return op.call(headers(used, correlator)).getData();
        } catch (ApiException e) {
            if (e.getCode() == 401 && token == null) {
                // the gateway no longer accepts a token the cache holds valid (revoked, keys rotated):
                // renew it once and retry; a 401 means the request was not processed
                TokenSource.Token renewed = tokens.renew(used);
                if (!renewed.value().equals(used.value())) {
                    try {
                        return op.call(headers(renewed, correlator)).getData();
                    } catch (ApiException again) {
                        throw map(again, correlator);
                    }
                }
            }
            throw map(e, correlator);
        }
    }

    private static Map<String, String> headers(TokenSource.Token token, String correlator) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token.value());
        if (correlator != null) {
            headers.put(CORRELATOR, correlator);
        }
        return headers;
    }

    RuntimeException map(ApiException e, String sentCorrelator) {
        if (e.getCode() == 0 || e.getResponseHeaders() == null) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new ByonTransportException("interrupted", new InterruptedIOException("interrupted"));
            }
            if (cause instanceof IOException io) {
                return new ByonTransportException("request failed", io);
            }
            if (e.getCode() == 0) {
                return new ByonTransportException("request failed", new IOException(e.getMessage(), e));
            }
            return new IllegalArgumentException(e.getMessage(), e);
        }
        return toApiException(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), sentCorrelator, mapper());
    }

    /** Maps an error response to the facade's exception: ErrorInfo when the body is one, else UNKNOWN. */
    static ByonApiException toApiException(int status, HttpHeaders headers, String body, String sentCorrelator,
                                           ObjectMapper mapper) {
        String correlator = headers == null ? sentCorrelator : headers.firstValue(CORRELATOR).orElse(sentCorrelator);
        String code = "UNKNOWN";
        String message = ClientCredentialsTokenSource.abbreviate(body);
        try {
            JsonNode json = body == null || body.isBlank() ? null : mapper.readTree(body);
            if (json != null && json.path("code").isTextual()) {
                code = json.get("code").asText();
                message = json.path("message").asText(null);
            }
        } catch (IOException notJson) {
            // keep UNKNOWN and the body's beginning
        }
        if (status == 401) {
            return new ByonAuthenticationException(status, code, message, correlator);
        }
        return new ByonApiException(status, code, message, correlator, Retry.retryAfter(headers, Instant.now()));
    }

    /**
     * Hands the one shared {@link HttpClient} to the generated {@link ApiClient}, which asks its
     * builder for a client once per API class: without this, each API class built a client (and
     * its threads) of its own.
     */
    private record Shared(HttpClient client) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            return this;
        }

        @Override
        public HttpClient build() {
            return client;
        }
    }
}
