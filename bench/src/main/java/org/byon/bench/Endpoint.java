package org.byon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One registered web endpoint: its subscriber token, channel, RACM session and the WebSocket on the channel.
 * Frames are timestamped (System.nanoTime) when their first part arrives and queued unparsed; the scenario
 * thread parses them.
 */
final class Endpoint implements WebSocket.Listener {
    record Frame(long nanos, String text) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException("bad frame: " + text, e);
            }
        }
    }

    final int subscriber;
    final String token;
    String channelId;
    String racmSessionId;
    volatile WebSocket ws;
    volatile boolean open;
    volatile int closeCode = -1;
    private final boolean keepFrames;
    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>(100_000);
    /**
     * The message being assembled, per socket: one listener serves every socket of the endpoint, and the JDK may
     * invoke it for two sockets at once (a replaced one still delivering while its successor opens).
     */
    private final java.util.Map<WebSocket, Partial> partials =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private static final class Partial {
        final long nanos = System.nanoTime();
        final StringBuilder text = new StringBuilder();
    }
    volatile long framesReceived;
    String channelUrl;
    private final java.util.Set<WebSocket> retired = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** event sequence accounting across reconnects (soak): highest seen, gaps and duplicates */
    private long lastSequence;
    private long lostEvents;
    private long duplicateEvents;
    private static final java.util.regex.Pattern SEQUENCE = java.util.regex.Pattern.compile("\"sequence\":(\\d+)");
    /** diagnosis (soak): the last frames and reconnects, and the socket each came on */
    private final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();
    private final java.util.Map<WebSocket, Integer> socketIds = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    Endpoint(int subscriber, String token, boolean keepFrames) {
        this.subscriber = subscriber;
        this.token = token;
        this.keepFrames = keepFrames;
    }

    String phone() {
        return Subscribers.phone(subscriber);
    }

    /** POST /channels (WebSocket), open the WebSocket, POST /racm/sessions. */
    void establish(Api api, HttpClient wsClient) throws Exception {
        JsonNode ch = api.createWebSocketChannel(token);
        channelId = ch.path("channelId").asText();
        String url = ch.path("channelData").path("channelURL").asText();
        channelUrl = url;
        ws = wsClient.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), this).get(15, TimeUnit.SECONDS);
        racmSessionId = api.register(token, channelId).path("racmSessionId").asText();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        open = true;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        Partial partial = partials.computeIfAbsent(webSocket, k -> new Partial());
        partial.text.append(data);
        if (last) {
            partials.remove(webSocket);
            if (!account(webSocket, partial.text)) { // still arriving on a connection reconnect() replaced: replayed there
                webSocket.request(1);
                return null;
            }
            framesReceived++;
            if (keepFrames) {
                frames.offer(new Frame(partial.nanos, partial.text.toString()));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        open = false;
        closeCode = statusCode;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        open = false;
    }

    void drain() {
        frames.clear();
    }

    private synchronized boolean account(WebSocket from, CharSequence json) {
        java.util.regex.Matcher m = SEQUENCE.matcher(json);
        boolean found = m.find();
        long seq = found ? Long.parseLong(m.group(1)) : -1;
        java.util.regex.Matcher t = TYPE.matcher(json);
        note("s" + socketId(from) + " seq " + seq + " " + (t.find() ? t.group(1) : "?") + " " + json.length() + " chars"
                + (retired.contains(from) ? " (retired socket: ignored)" : ""));
        if (retired.contains(from)) {
            return false;
        }
        if (!found) {
            return true;
        }
        if (seq <= lastSequence) {
            duplicateEvents++;
        } else {
            lostEvents += seq - lastSequence - 1;
            lastSequence = seq;
        }
        return true;
    }

    private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("\"type\":\"[^\"]*\\.([a-z-]+)\"");

    private int socketId(WebSocket w) {
        return w == null ? -1 : socketIds.computeIfAbsent(w, k -> socketIds.size() + 1);
    }

    private synchronized void note(String what) {
        if (trace.size() >= 30) {
            trace.removeFirst();
        }
        trace.addLast(System.nanoTime() / 1_000_000 % 1_000_000 + "ms " + what);
    }

    /** The last frames and reconnects (oldest first). */
    synchronized String trace() {
        return String.join(" | ", trace);
    }

    synchronized long lastSequence() {
        return lastSequence;
    }

    synchronized long lostEvents() {
        return lostEvents;
    }

    synchronized long duplicateEvents() {
        return duplicateEvents;
    }

    /** Drops the WebSocket and opens a new one with {@code ?lastSequence=} the last event seen (replay). */
    void reconnect(HttpClient wsClient) throws Exception {
        WebSocket old = ws;
        long last;
        synchronized (this) {
            if (old != null) {
                retired.add(old);
            }
            last = lastSequence;
        }
        if (old != null) {
            old.abort();
            partials.remove(old);
        }
        note("reconnect from s" + socketId(old) + " with lastSequence=" + last);
        ws = wsClient.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(channelUrl + "?lastSequence=" + last), this).get(15, TimeUnit.SECONDS);
        note("new socket s" + socketId(ws) + " open");
    }

    /** The first queued event (skipping others) that matches, or null when the deadline passes. */
    Frame await(Predicate<JsonNode> match, long deadlineNanos) throws InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Frame f = frames.poll(left, TimeUnit.NANOSECONDS);
            if (f == null) {
                return null;
            }
            if (match.test(f.json())) {
                return f;
            }
        }
    }

    static Predicate<JsonNode> invitation() {
        return e -> e.path("type").asText().endsWith(".session-invitation");
    }

    static Predicate<JsonNode> status(String voiceSessionId, String status) {
        return e -> e.path("type").asText().endsWith(".session-status")
                && voiceSessionId.equals(e.path("data").path("voiceSessionId").asText())
                && (status == null || status.equals(e.path("data").path("status").asText()));
    }

    static Predicate<JsonNode> terminal(String voiceSessionId) {
        return e -> {
            if (!e.path("type").asText().endsWith(".session-status")
                    || !voiceSessionId.equals(e.path("data").path("voiceSessionId").asText())) {
                return false;
            }
            String s = e.path("data").path("status").asText();
            return !(s.equals("Initial") || s.equals("InProgress") || s.equals("Ringing") || s.equals("Connected")
                    || s.equals("Hold"));
        };
    }

    void close() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }
}
