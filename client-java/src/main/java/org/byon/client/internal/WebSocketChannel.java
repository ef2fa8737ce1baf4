package org.byon.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.byon.client.ByonApiException;
import org.byon.client.ByonEvent;
import org.byon.client.EventListener;
import org.byon.client.NotificationChannelHandle;
import org.byon.client.internal.openapi.model.NotificationChannel;
import org.byon.client.internal.openapi.model.UpdateNotificationChannel;

/**
 * A WebSocket notification channel: one CloudEvent per text frame, automatic reconnect with
 * {@code ?lastSequence=N}, duplicate suppression, gap detection, and renewal ({@code PUT}) before
 * the channel expires. Listener calls run on one
 * delivery thread per channel, in order.
 *
 * <p>Thread-safe: frames of one connection are processed one at a time (the next frame is
 * requested only after the previous one was handled); connection state is guarded by {@code this}.
 */
public final class WebSocketChannel implements NotificationChannelHandle {

    /** Close codes of the contract after which the channel is gone: no reconnect. */
    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_UNKNOWN_CHANNEL = 4404;
    static final int CLOSE_REPLACED = 4409;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ClientContext context;
    private final Transport transport;
    private final String channelId;
    private final URI url;
    private volatile OffsetDateTime expiresAt;
    /** The lifetime the gateway granted on creation, asked for again on every renewal. */
    private final Duration lifetime;
    private final EventListener listener;
    private final ExecutorService delivery;
    private final SequenceTracker tracker = new SequenceTracker();

    // guarded by this
    private WebSocket socket;
    private int generation;
    private int attempts;
    private boolean closed;
    private Instant reconnectNotBefore = Instant.EPOCH;
    private java.util.concurrent.ScheduledFuture<?> renewal;

    /** Renew at most this long before the channel expires. */
    private static final Duration MAX_RENEW_MARGIN = Duration.ofMinutes(5);
    private static final Duration RENEW_RETRY = Duration.ofSeconds(5);

    WebSocketChannel(ClientContext context, Transport transport, String channelId, URI url, OffsetDateTime expiresAt,
                     EventListener listener) {
        this.context = context;
        this.transport = transport;
        this.channelId = channelId;
        this.url = url;
        this.expiresAt = expiresAt;
        this.lifetime = expiresAt == null ? Duration.ZERO : Duration.between(Instant.now(), expiresAt.toInstant());
        this.listener = listener;
        this.delivery = Executors.newSingleThreadExecutor(r -> ClientContext.daemon(r, "byon-events-" + THREADS.incrementAndGet()));
    }

    /** Opens the first connection, blocking. */
    void connect() {
        int gen;
        synchronized (this) {
            gen = ++generation;
        }
        try {
            WebSocket ws = open(gen, 0).get(CONNECT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            synchronized (this) {
                socket = ws;
                scheduleRenewal();
            }
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("WebSocket connect to channel " + channelId + " failed", e.getCause()));
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new IOException("WebSocket connect to channel " + channelId + " timed out"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while connecting channel " + channelId));
        }
    }

    private CompletableFuture<WebSocket> open(int gen, long resumeAfter) {
        URI target = url;
        if (resumeAfter > 0) {
            String s = url.toString();
            target = URI.create(s + (url.getRawQuery() == null ? "?" : "&") + "lastSequence=" + resumeAfter);
        }
        return context.webSocketHttp().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(target, new Frames(gen));
    }

    /** Receives the frames of one connection; callbacks of a replaced connection are ignored. */
    private final class Frames implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();

        Frames(int gen) {
            this.gen = gen;
        }

        private boolean current() {
            synchronized (WebSocketChannel.this) {
                return gen == generation && !closed;
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!current()) {
                return null;
            }
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            try {
                if (current()) {
                    closedByGateway(statusCode, reason);
                }
            } catch (RuntimeException e) {
                Log.warn("channel " + channelId + ": handling the close failed", e);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            try {
                if (current()) {
                    lost(error);
                }
            } catch (RuntimeException e) {
                Log.warn("channel " + channelId + ": handling the connection loss failed", e);
            }
        }
    }

    private void handle(String text) {
        EventParser.Parsed parsed;
        try {
            parsed = context.parser().parse(text);
        } catch (RuntimeException e) {
            Log.warn("channel " + channelId + ": ignoring a frame that is not a valid event: " + e.getMessage());
            return;
        }
        SequenceTracker.Verdict verdict = tracker.accept(parsed.sequence());
        if (verdict.duplicate()) {
            Log.debug("channel " + channelId + ": dropping duplicate sequence " + parsed.sequence());
            return;
        }
        ByonEvent event = context.route(parsed);
        deliver(() -> {
            if (verdict.gap()) {
                listener.onGap(verdict.expected(), parsed.sequence());
            }
            if (event != null) {
                listener.onEvent(event);
            }
        });
    }

    private void deliver(Runnable r) {
        try {
            delivery.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    Log.warn("channel " + channelId + ": the event listener threw", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // channel closed
        }
    }

    private void closedByGateway(int code, String reason) {
        if (code == CLOSE_NORMAL || code == CLOSE_UNKNOWN_CHANNEL || code == CLOSE_REPLACED) {
            Log.debug("channel " + channelId + " closed by the gateway: " + code + " " + reason);
            finish(false);
        } else {
            lost(new IOException("closed by the gateway: " + code + " " + reason));
        }
    }

    /** The connection broke: schedule a reconnect with resume. */
    private void lost(Throwable cause) {
        long delayMs;
        synchronized (this) {
            if (closed) {
                return;
            }
            socket = null;
            generation++;
            delayMs = backoff();
        }
        deliver(() -> listener.onDisconnected(cause));
        context.scheduler().schedule(this::reconnect, delayMs, TimeUnit.MILLISECONDS);
    }

    private long backoff() {
        long initial = context.reconnectInitial().toMillis();
        long max = context.reconnectMax().toMillis();
        long delay = Math.min(max, initial << Math.min(attempts, 16));
        attempts++;
        Instant now = Instant.now();
        long notBefore = reconnectNotBefore.isAfter(now) ? Duration.between(now, reconnectNotBefore).toMillis() : 0;
        return Math.max(delay, notBefore);
    }

    private void reconnect() {
        int gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            gen = generation;
        }
        long resumeAfter = tracker.last();
        open(gen, resumeAfter).whenComplete((ws, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof WebSocketHandshakeException h && h.getResponse() != null
                        && (h.getResponse().statusCode() == 404 || h.getResponse().statusCode() == 410)) {
                    Log.warn("channel " + channelId + " no longer exists (" + h.getResponse().statusCode() + ")");
                    finish(false);
                    return;
                }
                boolean retry;
                long delayMs = 0;
                synchronized (this) {
                    retry = !closed && gen == generation;
                    if (retry) {
                        delayMs = backoff();
                    }
                }
                if (retry) {
                    Log.debug("channel " + channelId + ": reconnect failed, retrying in " + delayMs + " ms: " + cause);
                    context.scheduler().schedule(this::reconnect, delayMs, TimeUnit.MILLISECONDS);
                }
                return;
            }
            boolean stale;
            synchronized (this) {
                stale = closed || gen != generation;
                if (!stale) {
                    socket = ws;
                    attempts = 0;
                }
            }
            if (stale) {
                ws.abort();
                return;
            }
            deliver(() -> listener.onReconnected(resumeAfter));
        });
    }

    /** Schedules the renewal of the channel ({@code PUT}) before it expires. Called with the lock held. */
    private void scheduleRenewal() {
        OffsetDateTime at = expiresAt;
        if (closed || at == null) {
            return;
        }
        Duration left = Duration.between(Instant.now(), at.toInstant());
        Duration margin = left.dividedBy(5).compareTo(MAX_RENEW_MARGIN) < 0 ? left.dividedBy(5) : MAX_RENEW_MARGIN;
        scheduleRenewal(left.minus(margin));
    }

    private void scheduleRenewal(Duration delay) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        renewal = context.scheduler().schedule(this::renew, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            // ask for the lifetime first granted again (the gateway caps it at its maximum)
            UpdateNotificationChannel body = new UpdateNotificationChannel()
                    .requestedExpiresAt(OffsetDateTime.now(java.time.ZoneOffset.UTC).plus(lifetime));
            NotificationChannel renewed = transport.send(h -> transport.channels()
                    .updateNotificationChannelWithHttpInfo(channelId, body, null, h));
            if (renewed != null && renewed.getExpiresAt() != null) {
                expiresAt = renewed.getExpiresAt();
            }
            synchronized (this) {
                scheduleRenewal();
            }
        } catch (ByonApiException e) {
            if (e.status() == 404) {
                Log.warn("channel " + channelId + " no longer exists");
                finish(false);
                return;
            }
            Log.warn("renewing channel " + channelId + " failed, retrying: " + e.getMessage());
            synchronized (this) {
                if (!closed) {
                    scheduleRenewal(RENEW_RETRY);
                }
            }
        } catch (RuntimeException e) {
            Log.warn("renewing channel " + channelId + " failed, retrying: " + e.getMessage());
            synchronized (this) {
                if (!closed) {
                    scheduleRenewal(RENEW_RETRY);
                }
            }
        }
    }

    /**
     * Test and diagnostics hook: drops the connection abruptly (no close handshake, as a network
     * failure would) and keeps the channel disconnected for at least {@code downtime} before the
     * automatic reconnect with {@code lastSequence} resume.
     */
    public void simulateConnectionLoss(Duration downtime) {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
            reconnectNotBefore = Instant.now().plus(downtime);
        }
        if (ws != null) {
            ws.abort();
        }
        lost(new IOException("simulated connection loss"));
    }

    private void finish(boolean deleteOnGateway) {
        WebSocket ws;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ws = socket;
            socket = null;
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
        context.removeChannel(this);
        try {
            if (deleteOnGateway) {
                Channels.delete(transport, channelId);
            }
        } finally {
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "closed").whenComplete((w, e) -> ws.abort());
            }
            deliver(listener::onClosed);
            delivery.shutdown();
        }
    }

    @Override
    public void close() {
        finish(true);
    }

    /** @return the channel URL (holds the channel's credential: do not log it) */
    public URI url() {
        return url;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public Type type() {
        return Type.WEB_SOCKET;
    }

    @Override
    public Optional<OffsetDateTime> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public long lastSequence() {
        return tracker.last();
    }

    @Override
    public synchronized boolean isConnected() {
        return socket != null && !closed;
    }

    @Override
    public String toString() {
        return "NotificationChannel[" + channelId + ", WEB_SOCKET, lastSequence=" + tracker.last() + "]";
    }
}
