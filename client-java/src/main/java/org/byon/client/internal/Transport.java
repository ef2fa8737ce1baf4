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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * {@link Http}; every request goes out with {@code sendAsync} (the generated client is built
 * {@code asyncNative}), the blocking methods wait for the future. Immutable and thread-safe (the generated API classes are stateless after construction).
 */
public final class Transport {

    /** The header of the CAMARA correlator. */
    public static final String CORRELATOR = "x-correlator";

    /** One generated operation, given the extra headers to send. */
    @FunctionalInterface
    public interface Op<T> {
        CompletableFuture<ApiResponse<T>> call(Map<String, String> headers) throws ApiException;
    }

    private final Apis apis;
    private final TokenSource tokens;
    private final Supplier<String> correlators;

    /** What all views share: the generated API objects of one base URI, the HTTP client, the log, the retry policy. */
    public record Apis(NotificationChannelsApi channels, RacmApi racm, VoiceSessionsApi voice, ObjectMapper mapper,
                       Http http, Log log, Retry retry, Timer timer) {
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
        ApiClient client = new ApiClient(new Shared(http.apiClient()), ApiClient.createDefaultObjectMapper(),
                stripSlash(apiBase.toString()));
        client.setReadTimeout(requestTimeout);
        client.setAsyncResponseInterceptor(response -> log.debug(response.request().method() + " " + response.request().uri()
                + " -> " + response.statusCode() + " [" + CORRELATOR + " "
                + response.request().headers().firstValue(CORRELATOR).orElse("-") + "]"));
        return new Apis(new NotificationChannelsApi(client), new RacmApi(client), new VoiceSessionsApi(client),
                client.getObjectMapper(), http, log, retry, Timer.acquire(http.executor()));
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

    /** @return the client's reference on the shared timer (released by {@code ClientContext.close()}) */
    Timer timer() {
        return apis.timer();
    }

    /** Sends a non-idempotent request ({@code POST}) once, with a token from the token source. */
    public <T> T send(Op<T> op) {
        return Async.await(sendAsync(op, null, false));
    }

    /** Sends an idempotent request ({@code GET}, {@code PUT}, {@code DELETE}), retried per {@link Retry}. */
    public <T> T sendIdempotent(Op<T> op) {
        return Async.await(sendAsync(op, null, true));
    }

    /** {@link #send(Op, TokenSource.Token, boolean)}, blocking. */
    public <T> T send(Op<T> op, TokenSource.Token token, boolean idempotent) {
        return Async.await(sendAsync(op, token, idempotent));
    }

    /** {@link #send(Op)} without blocking. */
    public <T> CompletableFuture<T> sendAsync(Op<T> op) {
        return sendAsync(op, null, false);
    }

    /** {@link #sendIdempotent(Op)} without blocking. */
    public <T> CompletableFuture<T> sendIdempotentAsync(Op<T> op) {
        return sendAsync(op, null, true);
    }

    /**
     * Sends one request with {@code HttpClient.sendAsync}: no thread waits for the response, and a
     * retry waits on the shared timer, not on a thread.
     *
     * @param op         the generated operation
     * @param token      the token to use instead of the token source's, or {@code null}
     * @param idempotent whether 429, 503 and connection failures may be retried
     * @return the response body (null for 204), or the {@link ByonException} (or
     *         {@link IllegalArgumentException} for a request the generated client refuses)
     */
    public <T> CompletableFuture<T> sendAsync(Op<T> op, TokenSource.Token token, boolean idempotent) {
        String correlator = correlators.get();
        CompletableFuture<T> result = new BoundHttpClient.OnExecutor<>(executor());
        attempt(op, token, idempotent, correlator, 1, result);
        return result;
    }

    private <T> void attempt(Op<T> op, TokenSource.Token token, boolean idempotent, String correlator, int attempt,
                             CompletableFuture<T> result) {
        if (result.isDone()) {
            return; // cancelled
        }
        once(op, token, correlator).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable e = Async.unwrap(error);
            Duration wait = idempotent && e instanceof ByonException be ? retryDelay(be, attempt) : null;
            if (wait == null) {
                result.completeExceptionally(e);
                return;
            }
            log().debug("retrying in " + wait.toMillis() + " ms after: " + e.getMessage());
            if (!apis.timer().trySchedule(() -> attempt(op, token, idempotent, correlator, attempt + 1, result),
                    wait.toMillis())) {
                result.completeExceptionally(e); // the client closed meanwhile
            }
        });
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

    private <T> CompletableFuture<T> once(Op<T> op, TokenSource.Token token, String correlator) {
        CompletableFuture<TokenSource.Token> used = token != null ? CompletableFuture.completedFuture(token) : tokenAsync(null);
        return used.thenCompose(t -> call(op, t, correlator).handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable e = Async.unwrap(error);
            if (e instanceof ApiException api && api.getCode() == 401 && token == null) {
                // the gateway no longer accepts a token the cache holds valid (revoked, keys rotated):
                // renew it once and retry; a 401 means the request was not processed
                return tokenAsync(t).thenCompose(renewed -> renewed.value().equals(t.value())
                        ? Async.<T>failed(map(api, correlator))
                        : call(op, renewed, correlator).handle((again, error2) -> error2 == null
                                ? CompletableFuture.completedFuture(again)
                                : Async.<T>failed(map(Async.unwrap(error2), correlator))).thenCompose(f -> f));
            }
            return Async.<T>failed(map(e, correlator));
        }).thenCompose(f -> f));
    }

    /** One call of the generated operation; its failure stays raw (ApiException, IOException). */
    private <T> CompletableFuture<T> call(Op<T> op, TokenSource.Token token, String correlator) {
        try {
            return op.call(headers(token, correlator)).thenApply(ApiResponse::getData);
        } catch (ApiException e) {
            return Async.failed(e);
        } catch (RuntimeException e) {
            return Async.failed(e);
        }
    }

    /** @return the token source's token ({@code stale == null}) or one other than {@code stale}, without blocking where the source can */
    CompletableFuture<TokenSource.Token> tokenAsync(TokenSource.Token stale) {
        if (tokens instanceof ClientCredentialsTokenSource cc) {
            return stale == null ? cc.tokenAsync() : cc.renewAsync(stale);
        }
        try {
            return CompletableFuture.completedFuture(stale == null ? tokens.token() : tokens.renew(stale));
        } catch (RuntimeException e) {
            return Async.failed(e);
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

    RuntimeException map(Throwable failure, String sentCorrelator) {
        if (failure instanceof RuntimeException re && !(failure instanceof CompletionException)) {
            return re; // already mapped (a token source's ByonException), or a programming error
        }
        if (failure instanceof IOException io) {
            return new ByonTransportException("request failed", io);
        }
        if (!(failure instanceof ApiException e)) {
            return new ByonTransportException("request failed", new IOException(failure));
        }
        if (e.getCode() == 0 || e.getResponseHeaders() == null) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
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
