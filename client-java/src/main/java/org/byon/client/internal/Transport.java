package org.byon.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.byon.client.ByonApiException;
import org.byon.client.TokenSource;
import org.byon.client.internal.openapi.ApiClient;
import org.byon.client.internal.openapi.ApiException;
import org.byon.client.internal.openapi.ApiResponse;
import org.byon.client.internal.openapi.api.NotificationChannelsApi;
import org.byon.client.internal.openapi.api.RacmApi;
import org.byon.client.internal.openapi.api.VoiceSessionsApi;

/**
 * The edge towards the generated client: adds the bearer token and the {@code x-correlator} to every
 * request and maps failures to {@link ByonApiException} / {@link UncheckedIOException}.
 * Immutable and thread-safe (the generated API classes are stateless after construction).
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

    /** The generated API objects of one base URI, shared by all views. */
    public record Apis(NotificationChannelsApi channels, RacmApi racm, VoiceSessionsApi voice, ObjectMapper mapper) {
    }

    public Transport(URI apiBase, TokenSource tokens, Supplier<String> correlators, Duration requestTimeout) {
        this(createApis(apiBase, requestTimeout), tokens, correlators);
    }

    private Transport(Apis apis, TokenSource tokens, Supplier<String> correlators) {
        this.apis = apis;
        this.tokens = Objects.requireNonNull(tokens, "tokenSource");
        this.correlators = correlators != null ? correlators : () -> UUID.randomUUID().toString();
    }

    private static Apis createApis(URI apiBase, Duration requestTimeout) {
        ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)),
                ApiClient.createDefaultObjectMapper(), stripSlash(apiBase.toString()));
        client.setReadTimeout(requestTimeout);
        return new Apis(new NotificationChannelsApi(client), new RacmApi(client), new VoiceSessionsApi(client),
                client.getObjectMapper());
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

    /** Sends with a token from the token source. */
    public <T> T send(Op<T> op) {
        return send(op, null);
    }

    /**
     * Sends one request.
     *
     * @param op    the generated operation
     * @param token the token to use instead of the token source's, or {@code null}
     * @return the response body (null for 204)
     */
    public <T> T send(Op<T> op, TokenSource.Token token) {
        String correlator = correlators.get();
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
                return new UncheckedIOException(new InterruptedIOException("interrupted"));
            }
            if (cause instanceof IOException io) {
                return new UncheckedIOException(io.getMessage(), io);
            }
            if (e.getCode() == 0) {
                return new UncheckedIOException(new IOException(e.getMessage(), e));
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
        return new ByonApiException(status, code, message, correlator);
    }
}
