package org.byon.client.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The client's {@link HttpClient} as the generated API classes see it: every call goes to the same
 * client, but the futures of {@code sendAsync} run their {@code ...Async} stages (the generated
 * code parses each response in {@code thenComposeAsync}) on the client's executor, not on
 * {@code CompletableFuture}'s default pool (on a machine with two CPUs or fewer, that default
 * starts a new thread per stage). Stateless apart from its two fields; thread-safe.
 *
 * <p>The generated client reads every body with {@code BodyHandlers.ofInputStream()}, blocking in
 * that stage. On a bounded executor that the HTTP client also uses to deliver body bytes, all its
 * threads could block there waiting for bytes that only a queued task of the same executor would
 * deliver. So the body is received whole ({@code ofByteArray()}, no thread waits) before the
 * response future completes, and handed over as a {@link ByteArrayInputStream}: reading it never
 * blocks.
 */
final class BoundHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final Executor executor;

    BoundHttpClient(HttpClient delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    /** A future whose async stages default to {@link #executor}. */
    static final class OnExecutor<T> extends CompletableFuture<T> {
        private final Executor executor;

        OnExecutor(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor defaultExecutor() {
            return executor;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new OnExecutor<>(executor);
        }
    }

    /** @return a future completed as {@code source} is, whose async stages run on {@code executor} */
    static <T> CompletableFuture<T> on(Executor executor, CompletableFuture<T> source) {
        OnExecutor<T> out = new OnExecutor<>(executor);
        source.whenComplete((value, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(value);
            }
        });
        return out;
    }

    /** The generated client's body handler ({@code ofInputStream()}), answered with the whole body in memory. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return on(executor, delegate.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> (HttpResponse<T>) new Buffered(r)));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    /** A response whose body, received whole, is read through an {@link InputStream}. */
    private record Buffered(HttpResponse<byte[]> r) implements HttpResponse<InputStream> {
        @Override
        public int statusCode() {
            return r.statusCode();
        }

        @Override
        public HttpRequest request() {
            return r.request();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return r.headers();
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(r.body() == null ? new byte[0] : r.body());
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return r.sslSession();
        }

        @Override
        public URI uri() {
            return r.uri();
        }

        @Override
        public HttpClient.Version version() {
            return r.version();
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, handler);
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
