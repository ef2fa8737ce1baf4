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

    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();

    public synchronized void add(Exchange ex) {
        exchanges.add(ex);
    }

    public synchronized void frame(String channel, ReceivedEvent e) {
        frames.add(new Frame(channel, e));
    }

    public synchronized void note(String n) {
        notes.add(Instant.now() + " " + n);
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
        e.exchanges.addAll(exchanges);
        e.frames.addAll(frames);
        e.notes.addAll(notes);
        e.timings.putAll(timings);
        return e;
    }
}
