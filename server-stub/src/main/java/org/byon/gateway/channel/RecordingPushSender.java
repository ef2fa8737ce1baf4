package org.byon.gateway.channel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link PushSender}: records pushes in an inspectable, bounded outbox (the last 1000) and logs
 * them. Thread-safe.
 */
public class RecordingPushSender implements PushSender {
    private static final Logger log = LoggerFactory.getLogger(RecordingPushSender.class);
    private static final int MAX = 1000;

    /** One recorded push. */
    public record Push(Instant time, String channelId, String registrationToken, long sequence, String type,
                       String event) {
    }

    private final Deque<Push> outbox = new ArrayDeque<>();

    @Override
    public void push(String channelId, String registrationToken, RetainedEvent event) {
        log.info("push to channel {} ({}): {}", channelId, event.type(), event.sequence());
        synchronized (outbox) {
            outbox.addLast(new Push(Instant.now(), channelId, registrationToken, event.sequence(), event.type(),
                    event.json()));
            while (outbox.size() > MAX) {
                outbox.removeFirst();
            }
        }
    }

    public List<Push> outbox() {
        synchronized (outbox) {
            return new ArrayList<>(outbox);
        }
    }
}
