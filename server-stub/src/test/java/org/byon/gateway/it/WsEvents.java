package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client (java.net.http) on a channel URL: collects one CloudEvent per text frame, validates
 * each against byon.yaml's event schema and checks that {@code sequence} grows by one with no gap.
 */
public final class WsEvents implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> events = new CopyOnWriteArrayList<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean validate;
    private WebSocket socket;
    private long lastSequence = -1;

    private WsEvents(boolean validate) {
        this.validate = validate;
    }

    public static WsEvents connect(String url) {
        return connect(url, true);
    }

    public static WsEvents connect(String url, boolean validate) {
        WsEvents listener = new WsEvents(validate);
        try {
            listener.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect " + url, e);
        }
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            accept(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void accept(String frame) {
        try {
            JsonNode event = JSON.readTree(frame);
            if (validate) {
                String type = event.path("type").asText();
                List<String> errors = ContractSchemas.get().eventErrors(frame);
                if (!errors.isEmpty()) {
                    problems.add(type + " violates the contract: " + errors + " in " + frame);
                }
                long seq = event.path("sequence").asLong(-1);
                if (lastSequence >= 0 && seq != lastSequence + 1) {
                    problems.add("sequence " + seq + " after " + lastSequence);
                }
                lastSequence = seq;
            }
            events.add(event);
        } catch (Exception e) {
            problems.add("not JSON: " + frame);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    public void close() {
        if (!closeCode.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    public Integer awaitClose() {
        try {
            return closeCode.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the WebSocket was not closed", e);
        }
    }

    /** Waits for the first event matching and returns it. */
    public JsonNode await(Predicate<JsonNode> match) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> events.stream().anyMatch(match));
        return events.stream().filter(match).findFirst().orElseThrow();
    }

    public JsonNode awaitType(String suffix) {
        return await(e -> e.path("type").asText().endsWith(suffix));
    }

    /** The invitation for the n-th incoming call (0-based). */
    public String awaitInvitation(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> invitations().size() > n);
        return invitations().get(n);
    }

    public List<String> invitations() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("type").asText().endsWith("session-invitation")) {
                out.add(e.path("data").path("voiceSessionId").asText());
            }
        }
        return out;
    }

    /** The statuses of one voice session, as {@code Status} or {@code Status/REASON}. */
    public List<String> statuses(String voiceSessionId) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode d = e.path("data");
            if (e.path("type").asText().endsWith("session-status")
                    && d.path("voiceSessionId").asText().equals(voiceSessionId)) {
                out.add(d.path("status").asText() + (d.has("reason") ? "/" + d.path("reason").asText() : ""));
            }
        }
        return out;
    }

    public List<String> awaitStatuses(String voiceSessionId, String last) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> statuses(voiceSessionId).contains(last));
        return statuses(voiceSessionId);
    }

    /** Waits until the statuses of a voice session are exactly {@code expected} (or times out), returns them. */
    public List<String> awaitStatusList(String voiceSessionId, String... expected) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2)).until(() -> statuses(voiceSessionId).equals(List.of(expected)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller's assertion shows the difference
        }
        return statuses(voiceSessionId);
    }

    public JsonNode statusEvent(String voiceSessionId, String status) {
        return await(e -> e.path("type").asText().endsWith("session-status")
                && e.path("data").path("voiceSessionId").asText().equals(voiceSessionId)
                && e.path("data").path("status").asText().equals(status));
    }

    public void assertValid() {
        assertThat(problems).as("event problems").isEmpty();
    }

    public List<Long> sequences() {
        return events.stream().map(e -> e.path("sequence").asLong()).toList();
    }
}
