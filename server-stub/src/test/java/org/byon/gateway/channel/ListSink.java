package org.byon.gateway.channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventSink} that records frames and its close code. */
public class ListSink implements EventSink {
    public final List<RetainedEvent> events = new CopyOnWriteArrayList<>();
    public volatile Integer closeCode;

    @Override
    public boolean send(RetainedEvent event) {
        if (closeCode != null) {
            return false;
        }
        events.add(event);
        return true;
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
    }

    @Override
    public boolean isOpen() {
        return closeCode == null;
    }

    public List<Long> sequences() {
        return events.stream().map(RetainedEvent::sequence).toList();
    }
}
