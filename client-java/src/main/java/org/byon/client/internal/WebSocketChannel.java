package org.byon.client.internal;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.byon.client.ByonTransportException;
import org.byon.client.EventListener;
import org.byon.client.NotificationChannelHandle;

/**
 * A WebSocket notification channel: one CloudEvent per text frame, automatic reconnect with
 * {@code ?lastSequence=N}, duplicate suppression, gap detection, and renewal ({@code PUT}) before
 * the channel expires. Listener calls run one at a time per channel, in order, on the client's executor.
 *
 * <p>This class holds the connection: the first connect, the reconnect loop with backoff and
 * {@code lastSequence} resume, the close codes and closing. Frames are turned into listener calls
 * by {@link ChannelEvents} (parsing, sequence tracking, delivery); the renewal is
 * {@link ChannelRenewal}.
 *
 * <p>Thread-safe: frames of one connection are processed one at a time (the next frame is
 * requested only after the previous one was handled); connection state is guarded by {@code this}.
 * The renewal has its own lock, taken while holding {@code this} but never the other way round.
 */
public final class WebSocketChannel implements NotificationChannelHandle {

    /** Close codes of the contract after which the channel is gone: no reconnect. */
    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_UNKNOWN_CHANNEL = 4404;
    static final int CLOSE_REPLACED = 4409;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ClientContext context;
    private final Transport transport;
    private final String channelId;
    private final URI url;
    private final ChannelEvents events;
    private final ChannelRenewal renewal;

    // guarded by this
    private WebSocket socket;
    private int generation;
    private int attempts;
    private boolean closed;
    private Instant reconnectNotBefore = Instant.EPOCH;

    WebSocketChannel(ClientContext context, Transport transport, String channelId, URI url, OffsetDateTime expiresAt,
                     EventListener listener) {
        this(context, transport, channelId, url, expiresAt, listener, 0);
    }

    /** @param resumeAfter the sequence already seen (a channel re-attached after a restart), 0 for a new channel */
    WebSocketChannel(ClientContext context, Transport transport, String channelId, URI url, OffsetDateTime expiresAt,
                     EventListener listener, long resumeAfter) {
        this.context = context;
        this.transport = transport;
        this.channelId = channelId;
        this.url = url;
        this.events = new ChannelEvents(context, channelId, listener, resumeAfter);
        this.renewal = new ChannelRenewal(context, transport, channelId, expiresAt, () -> finish(false));
    }

    /** Opens the first connection, blocking. */
    void connect() {
        Async.await(connectAsync());
    }

    /** Opens the first connection without blocking (the WebSocket builder's connect timeout applies). */
    CompletableFuture<Void> connectAsync() {
        int gen;
        synchronized (this) {
            gen = ++generation;
        }
        return open(gen, events.lastSequence()).handle((ws, error) -> {
            if (error != null) {
                Throwable cause = Async.unwrap(error);
                throw new ByonTransportException("WebSocket connect to channel " + channelId + " failed",
                        cause instanceof IOException io ? io : new IOException(cause));
            }
            synchronized (this) {
                socket = ws;
                renewal.start();
            }
            return null;
        });
    }

    private CompletableFuture<WebSocket> open(int gen, long resumeAfter) {
        URI target = url;
        if (resumeAfter > 0) {
            String s = url.toString();
            target = URI.create(s + (url.getRawQuery() == null ? "?" : "&") + "lastSequence=" + resumeAfter);
        }
        return transport.http().client().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
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
                events.frame(text);
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
                context.log().warn("channel " + channelId + ": handling the close failed", e);
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
                context.log().warn("channel " + channelId + ": handling the connection loss failed", e);
            }
        }
    }

    private void closedByGateway(int code, String reason) {
        if (code == CLOSE_NORMAL || code == CLOSE_UNKNOWN_CHANNEL || code == CLOSE_REPLACED) {
            context.log().debug("channel " + channelId + " closed by the gateway: " + code + " " + reason);
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
        events.disconnected(cause);
        context.schedule(this::reconnect, delayMs);
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
        long resumeAfter = events.lastSequence();
        open(gen, resumeAfter).whenComplete((ws, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof WebSocketHandshakeException h && h.getResponse() != null
                        && (h.getResponse().statusCode() == 404 || h.getResponse().statusCode() == 410)) {
                    context.log().warn("channel " + channelId + " no longer exists (" + h.getResponse().statusCode() + ")");
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
                    context.log().debug("channel " + channelId + ": reconnect failed, retrying in " + delayMs + " ms: " + cause);
                    context.schedule(this::reconnect, delayMs);
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
            events.reconnected(resumeAfter);
        });
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
            renewal.stop();
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
            events.closed();
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
        return Optional.ofNullable(renewal.expiresAt());
    }

    @Override
    public long lastSequence() {
        return events.lastSequence();
    }

    @Override
    public synchronized boolean isConnected() {
        return socket != null && !closed;
    }

    @Override
    public String toString() {
        return "NotificationChannel[" + channelId + ", WEB_SOCKET, lastSequence=" + events.lastSequence() + "]";
    }
}
