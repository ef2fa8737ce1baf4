package org.byon.client.internal;

import java.io.IOException;
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

/**
 * The client's {@link HttpClient} as the generated API classes see it: every call goes to the same
 * client, but the futures of {@code sendAsync} run their {@code ...Async} stages (the generated
 * code parses each response in {@code thenComposeAsync}) on the client's executor, not on
 * {@code CompletableFuture}'s default pool (on a machine with two CPUs or fewer, that default
 * starts a new thread per stage). Stateless apart from its two fields; thread-safe.
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

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return on(executor, delegate.sendAsync(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return on(executor, delegate.sendAsync(request, handler, pushPromiseHandler));
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
