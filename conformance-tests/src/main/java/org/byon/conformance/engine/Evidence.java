package org.byon.conformance.engine;

import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.ReceivedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a test saw: HTTP exchanges, events (with the channel they came on), notes and timings. Thread-safe. */
public final class Evidence {
    /** An event and a label for the channel it arrived on ({@code A1 ws}, {@code webhook}). */
    public record Frame(String channel, ReceivedEvent event) {
    }

    /** A WebSocket close the gateway sent on a channel, with its code. */
    public record Close(String channel, int code, Instant at) {
    }

    private final List<Close> closes = new ArrayList<>();

    public synchronized void close(String channel, int code) {
        Close c = new Close(channel, code, Instant.now());
        closes.add(c);
        steps.add(new Step(c.at(), "close", true, "[" + channel + "] the gateway closed the WebSocket with " + code));
    }

    public synchronized List<Close> closes() {
        return List.copyOf(closes);
    }

    /**
     * One step of a test, in the order it happened: {@code http} (a request and its response), {@code event}
     * (a frame received), {@code check} (passing ones too), {@code note}.
     */
    public record Step(Instant at, String kind, boolean ok, String text) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();

    public synchronized void add(Exchange ex) {
        exchanges.add(ex.abbreviated(4096));
        steps.add(new Step(ex.sentAt(), "http", ex.status() != 0 && ex.violations().isEmpty(), ex.summary() + " (" + ex.millis() + " ms)"
                + (ex.violations().isEmpty() ? "" : ", " + ex.violations().size() + " contract violations")));
    }

    public synchronized void frame(String channel, ReceivedEvent e) {
        frames.add(new Frame(channel, e));
        steps.add(new Step(e.receivedAt(), "event", e.violations().isEmpty(), "[" + channel + "] " + e.brief()
                + (e.violations().isEmpty() ? "" : ", " + e.violations().size() + " contract violations")));
    }

    public synchronized void note(String n) {
        Instant now = Instant.now();
        notes.add(now + " " + n);
        steps.add(new Step(now, "note", true, n));
    }

    /** A check, passed or failed (the text says what was checked and, when it failed, what was seen). */
    public synchronized void check(boolean ok, String text) {
        steps.add(new Step(Instant.now(), "check", ok, text));
    }

    /** Every step in the order recorded. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized void timing(String name, long millis) {
        timings.put(name, millis);
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized Map<String, Long> timings() {
        return new LinkedHashMap<>(timings);
    }

    /** Copies of the lists, to detach from a test that is still running. */
    public synchronized Evidence snapshot() {
        Evidence e = new Evidence();
        e.steps.addAll(steps);
        e.closes.addAll(closes);
        e.exchanges.addAll(exchanges);
        e.frames.addAll(frames);
        e.notes.addAll(notes);
        e.timings.putAll(timings);
        return e;
    }
}
