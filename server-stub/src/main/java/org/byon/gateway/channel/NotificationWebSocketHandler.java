package org.byon.gateway.channel;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The WebSocket side of notification channels: {@code /byon/v0.2/notifications/ws/{credential}[?lastSequence=N]}.
 * The credential in the path is the only way in; an unknown one is closed with 4404. One CloudEvent per text
 * frame. Messages from the client are ignored.
 */
public class NotificationWebSocketHandler extends TextWebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(NotificationWebSocketHandler.class);
    private static final String CHANNEL = "byon.channel";
    private static final String HANDSHAKE = "byon.handshake";

    private final ChannelService channels;
    /**
     * Open connections and their send queues (the only per-connection state of this handler: nothing is kept in the
     * session's attributes once it is attached).
     */
    private final java.util.Map<WebSocketSession, SessionSink> open = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** Default bound of one connection's send queue: a client that lets this much pile up is closed (1013). */
    public static final long DEFAULT_QUEUE_BYTES = 1 << 20;
    private long maxQueueBytes = DEFAULT_QUEUE_BYTES;

    /** Characters of queued frames (JSON is ASCII but for names and SDP text) one connection may hold. */
    public NotificationWebSocketHandler maxQueueBytes(long bytes) {
        this.maxQueueBytes = bytes;
        return this;
    }

    public NotificationWebSocketHandler(ChannelService channels) {
        this.channels = channels;
    }

    private long idleMillis;

    /**
     * Idle deadline: a connection from which no frame (a pong included) arrives for this long is closed by the
     * container (1001). The gateway pings every open connection ({@link #pingAll()}), so a live client that
     * reads (every WebSocket stack answers pings) never reaches it; 0 switches it off.
     */
    public NotificationWebSocketHandler idleTimeout(java.time.Duration idle) {
        this.idleMillis = idle.toMillis();
        return this;
    }

    /** Queues a ping behind the frames waiting on every open connection (its pong proves the client reads). */
    public void pingAll() {
        for (SessionSink sink : open.values()) {
            sink.ping();
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        SessionSink sink = new SessionSink(session, maxQueueBytes);
        open.put(session, sink);
        if (idleMillis > 0 && session instanceof org.springframework.web.socket.adapter.NativeWebSocketSession n
                && n.getNativeSession(jakarta.websocket.Session.class) != null) {
            n.getNativeSession(jakarta.websocket.Session.class).getUserProperties().put("org.apache.tomcat.websocket.READ_IDLE_TIMEOUT_MS", idleMillis);
        }
        if (shuttingDown) {
            session.close(new CloseStatus(ChannelService.CLOSE_GOING_AWAY, "gateway shutting down"));
            return;
        }
        URI uri = session.getUri();
        String path = uri == null ? "" : uri.getPath();
        String credential = path.substring(path.lastIndexOf('/') + 1);
        Long lastSequence = null;
        if (uri != null && uri.getRawQuery() != null) {
            String v = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("lastSequence");
            if (v != null) {
                try {
                    lastSequence = Math.max(0, Long.parseLong(v.trim()));
                } catch (NumberFormatException e) {
                    session.close(new CloseStatus(1008, "lastSequence must be a non-negative integer"));
                    return;
                }
            }
        }
        // the channel resolved before the 101 went out: a DELETE the client sends once it sees the socket open
        // cannot hide the channel from this connection (it still gets channel-ends and 1000)
        // and the handshake's number: of two connections, the later handshake wins even if it attaches first
        Object resolved = session.getAttributes().get(CHANNEL);
        Channel channel = resolved instanceof Channel c ? c : channels.channelFor(credential);
        Object number = session.getAttributes().get(HANDSHAKE);
        long handshake = number instanceof Long n ? n : channel == null ? 0 : channels.handshake(channel);
        session.getAttributes().remove(CHANNEL); // used once: not kept for the life of the connection
        session.getAttributes().remove(HANDSHAKE);
        // the channel's own credential string (not this path's copy) identifies the channel on close
        sink.credential = channel == null ? null : channel.wsCredential();
        if (!channels.attach(channel, handshake, sink, lastSequence)) {
            session.close(new CloseStatus(ChannelService.CLOSE_UNKNOWN_CHANNEL, "unknown channel"));
        }
    }

    /** Resolves the credential to its channel during the handshake, before the client can see the socket open. */
    HandshakeInterceptor resolver() {
        return new HandshakeInterceptor() {
            @Override
            public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                           Map<String, Object> attributes) {
                String path = request.getURI().getPath();
                Channel c = channels.channelFor(path.substring(path.lastIndexOf('/') + 1));
                if (c != null) {
                    attributes.put(CHANNEL, c);
                    attributes.put(HANDSHAKE, channels.handshake(c));
                }
                return true;
            }

            @Override
            public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Exception exception) {
                // nothing to do
            }
        };
    }

    /** Open WebSocket connections. */
    public int openConnections() {
        return open.size();
    }

    /**
     * Accepts connections again after {@link #shutdown(long)}: the context was stopped and started again (a paused
     * test context, or a lifecycle restart), not closed.
     */
    public void resume() {
        shuttingDown = false;
    }

    /**
     * Graceful shutdown: closes every connection (attached to a channel or not yet) with 1001 Going Away and
     * waits (at most {@code millis}) for the close handshakes to complete.
     */
    public void shutdown(long millis) {
        shuttingDown = true;
        channels.closeAllWebSockets();
        for (WebSocketSession s : open.keySet()) {
            try {
                if (s.isOpen()) {
                    s.close(new CloseStatus(ChannelService.CLOSE_GOING_AWAY, "gateway shutting down"));
                }
            } catch (IOException | RuntimeException e) {
                log.debug("websocket close failed: {}", e.toString());
            }
        }
        long end = System.currentTimeMillis() + millis;
        while (!open.isEmpty() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The longest client text message (characters) before the connection is closed with 1009 (Message Too Big). */
    public static final int MAX_CLIENT_MESSAGE = 2048;

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        // the channel is one-way: client messages are ignored, but one longer than MAX_CLIENT_MESSAGE is refused;
        // it arrives in pieces (partial messages), whose length is counted here instead of buffered by the container
        SessionSink sink = open.get(session);
        if (sink == null) {
            return;
        }
        long length = sink.pending + message.getPayloadLength();
        if (length > MAX_CLIENT_MESSAGE) {
            sink.pending = 0;
            session.close(new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(), "client messages are ignored; at most "
                    + MAX_CLIENT_MESSAGE + " characters"));
        } else {
            sink.pending = message.isLast() ? 0 : length;
        }
    }

    /**
     * Client messages arrive in pieces of the container's small message buffer ({@link WebSocketConfiguration}), so
     * no connection holds a buffer as long as the longest message it may receive ({@link #MAX_CLIENT_MESSAGE}).
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SessionSink sink = open.remove(session);
        if (sink != null) {
            channels.detach(sink.credential, sink);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("websocket transport error: {}", exception.toString());
    }

    /**
     * Frames leave through a per-connection queue drained on a shared pool, so publishing an event (which
     * happens under a call's lock) never waits for a client's socket; the queue keeps the order, and a close
     * is queued behind the frames before it. The queue is bounded in size: a client that does not read until
     * {@code maxBytes} are waiting is closed with 1013 (try again later); it reconnects with {@code lastSequence}
     * and gets the events from the channel's retention. The frames are sent on the session itself (no
     * {@code ConcurrentWebSocketSessionDecorator}): only the one thread draining the queue sends, so there is never
     * a concurrent send to buffer; a send stuck on a client that does not read fails after Tomcat's blocking-send
     * timeout (20 s), and the connection is closed.
     */
    private static final Object PING = new Object();

    private static final class SessionSink implements EventSink {
        private static final java.util.concurrent.atomic.AtomicLongFieldUpdater<SessionSink> QUEUED =
                java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(SessionSink.class, "queuedBytes");
        private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<SessionSink> DRAINING =
                java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(SessionSink.class, "draining");
        private final WebSocketSession session;
        private final long maxBytes;
        private final java.util.concurrent.ConcurrentLinkedQueue<Object> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        /** Characters of the frames in the queue. */
        private volatile long queuedBytes;
        /** 1 while a sender drains the queue. */
        private volatile int draining;
        /** The attached channel's credential (null: none), read when the connection closes. */
        volatile String credential;
        /** Characters of the client message being received (its earlier pieces); read by the container's thread. */
        long pending;

        SessionSink(WebSocketSession session, long maxBytes) {
            this.session = session;
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean send(RetainedEvent event) {
            if (!session.isOpen()) {
                return false;
            }
            String json = event.json();
            if (QUEUED.addAndGet(this, json.length()) > maxBytes) {
                queue.clear();
                queuedBytes = 0;
                enqueue(new CloseStatus(1013, "client too slow: reconnect with lastSequence"));
                return false;
            }
            enqueue(json);
            return true;
        }

        @Override
        public void close(int code, String reason) {
            enqueue(new CloseStatus(code, reason));
        }

        void ping() {
            if (session.isOpen()) {
                enqueue(PING);
            }
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        private void enqueue(Object item) {
            queue.add(item);
            if (DRAINING.compareAndSet(this, 0, 1)) {
                SENDERS.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Object item;
                while ((item = queue.poll()) != null) {
                    deliver(item);
                }
                draining = 0;
                if (queue.isEmpty() || !DRAINING.compareAndSet(this, 0, 1)) {
                    return;
                }
            }
        }

        private void deliver(Object item) {
            try {
                if (!session.isOpen()) {
                    queue.clear();
                } else if (item instanceof CloseStatus status) {
                    session.close(status);
                } else if (item == PING) {
                    session.sendMessage(new org.springframework.web.socket.PingMessage());
                } else {
                    String json = (String) item;
                    QUEUED.addAndGet(this, -json.length());
                    session.sendMessage(new TextMessage(json));
                }
            } catch (IOException | RuntimeException e) {
                log.debug("websocket send failed: {}", e.toString());
                queue.clear();
                try {
                    session.close(CloseStatus.SESSION_NOT_RELIABLE);
                } catch (IOException | RuntimeException ignored) {
                    // already gone
                }
            }
        }
    }

    /**
     * Sends WebSocket frames: at most {@link #SENDER_THREADS} threads, idle ones end after 30 s. Bounded, because a
     * ping round or an event to many endpoints hands every connection's drain to it at once (a cached pool grew to
     * about 190 threads for 5,000 endpoints), and because a client that stops reading holds its thread until
     * Tomcat's blocking-send timeout; the other connections' drains wait in the queue meanwhile, not in new threads.
     */
    static final int SENDER_THREADS = 32;
    private static final java.util.concurrent.ThreadPoolExecutor SENDERS = senders();

    private static java.util.concurrent.ThreadPoolExecutor senders() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(SENDER_THREADS,
                SENDER_THREADS, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "byon-ws-send-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
