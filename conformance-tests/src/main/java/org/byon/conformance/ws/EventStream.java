package org.byon.conformance.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.http.Contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A WebSocket connection to a notification channel that collects every text frame as an event,
 * validates it against the contract, and lets tests wait for events with a deadline (no sleeps:
 * waiters are woken on arrival). Thread-safe.
 */
public final class EventStream implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final Contract contract;
    private final Consumer<ReceivedEvent> sink;
    private volatile java.util.function.IntConsumer closeSink = code -> { };
    private volatile boolean suiteClosing;
    private final List<ReceivedEvent> events = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private EventStream(String url, Contract contract, Consumer<ReceivedEvent> sink) {
        this.url = url;
        this.contract = contract;
        this.sink = sink;
    }

    /**
     * Opens a WebSocket on the channel URL, optionally with {@code lastSequence}.
     *
     * @param sink receives every event (evidence and run-wide checks)
     */
    public static EventStream connect(HttpClient client, String channelUrl, Long lastSequence, Contract contract,
                                      Consumer<ReceivedEvent> sink, Duration timeout) throws Exception {
        String target = channelUrl;
        if (lastSequence != null) {
            target += (channelUrl.contains("?") ? "&" : "?") + "lastSequence=" + lastSequence;
        }
        EventStream s = new EventStream(target, contract, sink);
        s.socket = client.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(URI.create(target), s).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    public String url() {
        return url;
    }

    /** Receives the close code the gateway sends (once), for the evidence. */
    public void onGatewayClose(java.util.function.IntConsumer sink) {
        closeSink = sink;
        if (closed.isDone()) {
            int code = closed.getNow(-1);
            if (code >= 0) {
                sink.accept(code);
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String raw = partial.toString();
            partial.setLength(0);
            JsonNode json;
            List<String> violations;
            try {
                json = JSON.readTree(raw);
                violations = contract.validateEvent(json);
            } catch (Exception e) {
                json = JSON.missingNode();
                violations = List.of("frame is not JSON: " + e.getMessage());
            }
            ReceivedEvent ev = new ReceivedEvent(json, raw, Instant.now(), violations);
            synchronized (this) {
                events.add(ev);
                notifyAll();
            }
            sink.accept(ev);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // a close the suite started (close()) is answered by the gateway's echo: not evidence of the gateway's close
        if (closed.complete(statusCode) && !suiteClosing) {
            closeSink.accept(statusCode);
        }
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Every event received so far, in arrival order. */
    public synchronized List<ReceivedEvent> events() {
        return List.copyOf(events);
    }

    /** Waits for the first event (in arrival order) matching the predicate; empty on deadline. */
    public Optional<ReceivedEvent> await(Predicate<ReceivedEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (ReceivedEvent e : events) {
                    if (match.test(e)) {
                        return Optional.of(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Waits until at least {@code n} events arrived; returns what arrived by the deadline. */
    public List<ReceivedEvent> awaitCount(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (events.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return List.copyOf(events);
        }
    }

    /** The close code sent by the gateway, waiting up to the timeout; empty if still open. */
    public Optional<Integer> awaitClose(Duration timeout) {
        try {
            return Optional.of(closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        suiteClosing = true;
        if (ws != null && !ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
        if (ws != null) {
            ws.abort();
        }
    }
}
