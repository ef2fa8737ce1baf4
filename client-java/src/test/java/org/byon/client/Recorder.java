package org.byon.client;


import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** An {@link EventListener} that records everything, for assertions. Thread-safe. */
final class Recorder implements EventListener {
    final List<ByonEvent> events = new CopyOnWriteArrayList<>();
    final List<long[]> gaps = new CopyOnWriteArrayList<>();
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public void onEvent(ByonEvent event) {
        events.add(event);
    }

    @Override
    public void onGap(long expectedSequence, long receivedSequence) {
        gaps.add(new long[] {expectedSequence, receivedSequence});
    }

    @Override
    public void onDisconnected(Throwable cause) {
        disconnects.incrementAndGet();
    }

    @Override
    public void onReconnected(long lastSequence) {
        reconnects.incrementAndGet();
    }

    @Override
    public void onClosed() {
        closed.incrementAndGet();
    }

    <T extends ByonEvent> T await(Class<T> type, Predicate<T> match) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> find(type, match), t -> t != null);
    }

    <T extends ByonEvent> T find(Class<T> type, Predicate<T> match) {
        for (ByonEvent e : events) {
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        return null;
    }

    List<Long> sequences() {
        List<Long> s = new ArrayList<>();
        events.forEach(e -> s.add(e.sequence()));
        return s;
    }

    List<String> ids() {
        List<String> s = new ArrayList<>();
        events.forEach(e -> s.add(e.id()));
        return s;
    }

    List<CallStatus> statusesOf(String voiceSessionId) {
        List<CallStatus> s = new ArrayList<>();
        for (ByonEvent e : events) {
            if (e instanceof ByonEvent.SessionStatusChanged c && c.voiceSessionId().equals(voiceSessionId)) {
                s.add(c.status());
            }
        }
        return s;
    }
}
