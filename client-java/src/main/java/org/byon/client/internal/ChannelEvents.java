package org.byon.client.internal;

import java.util.concurrent.RejectedExecutionException;
import org.byon.client.ByonEvent;
import org.byon.client.EventListener;

/**
 * The event side of one WebSocket channel: parses each complete text frame as a CloudEvent, drops
 * duplicates and detects gaps by its {@code sequence} ({@link SequenceTracker}), routes it and calls
 * the {@link EventListener}. Every listener call (events, gaps, disconnect, reconnect, close) runs on
 * one serial queue per channel on the client's executor, in the order it was queued; a listener that throws is logged and
 * does not stop delivery.
 *
 * <p>Thread-safe: the tracker is synchronized and the delivery executor accepts tasks from any
 * thread. Frames of one connection arrive one at a time (see {@link WebSocketChannel}), so events
 * are queued in the order they were received.
 */
final class ChannelEvents {

    private final ClientContext context;
    private final String channelId;
    private final EventListener listener;
    private final SerialExecutor delivery;
    private final SequenceTracker tracker;

    ChannelEvents(ClientContext context, String channelId, EventListener listener, long resumeAfter) {
        this.tracker = new SequenceTracker(resumeAfter);
        this.context = context;
        this.channelId = channelId;
        this.listener = listener;
        this.delivery = new SerialExecutor(context.transport().executor());
    }

    /** @return the last sequence accepted, 0 before the first; what a reconnect resumes after */
    long lastSequence() {
        return tracker.last();
    }

    /** Handles one complete text frame: an invalid event is logged and skipped, a duplicate dropped. */
    void frame(String text) {
        EventParser.Parsed parsed;
        try {
            parsed = context.parser().parse(text);
        } catch (RuntimeException e) {
            context.log().warn("channel " + channelId + ": ignoring a frame that is not a valid event: " + e.getMessage());
            return;
        }
        SequenceTracker.Verdict verdict = tracker.accept(parsed.sequence());
        if (verdict.duplicate()) {
            context.log().debug("channel " + channelId + ": dropping duplicate sequence " + parsed.sequence());
            return;
        }
        ByonEvent event = context.route(parsed);
        deliver(() -> {
            if (verdict.gap()) {
                listener.onGap(verdict.expected(), parsed.sequence());
            }
            if (event != null) {
                listener.onEvent(event);
            }
        });
    }

    /** Queues {@link EventListener#onDisconnected}. */
    void disconnected(Throwable cause) {
        deliver(() -> listener.onDisconnected(cause));
    }

    /** Queues {@link EventListener#onReconnected}. */
    void reconnected(long resumedAfter) {
        deliver(() -> listener.onReconnected(resumedAfter));
    }

    /** Queues {@link EventListener#onClosed} as the last call, then accepts no further call. */
    void closed() {
        deliver(listener::onClosed);
        delivery.shutdown();
    }

    private void deliver(Runnable r) {
        try {
            delivery.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    context.log().warn("channel " + channelId + ": the event listener threw", e);
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            // channel closed
        }
    }
}
