package org.byon.gateway.channel;

import java.time.Clock;
import java.time.Duration;

/** Attaching a WebSocket connection to its channel: takeover order, replay, and a channel that ended meanwhile. */
final class WebSocketAttachment {
    private WebSocketAttachment() {
    }

    /**
     * Attaches a WebSocket to the channel resolved at its handshake and replays the retained events after
     * {@code lastSequence} (byon.yaml: without it, every retained event, as {@code lastSequence=0}). If the
     * channel ended between the handshake and now (a DELETE right after the client saw the socket open), the
     * connection still gets the retained events, ending with {@code channel-ends}, and then the close 1000.
     * A connection whose handshake is older than the attached one's is closed with 4409 at once: the newer
     * connection took over, even if its attachment overtook this one's.
     *
     * @param handshake the connection's {@link ChannelService#handshake(Channel)} number
     * @param hook says from which sequence the replay starts (the requested one in a correct gateway)
     * @return true (the connection is attached, or closed with 4409 or 1000)
     */
    static boolean attach(Channel c, long handshake, EventSink sink, Long lastSequence, EventHook hook,
                          int retentionEvents, Duration retentionTime, Clock clock) {
        EventSink previous = null;
        boolean ended;
        synchronized (c) {
            if (handshake < c.attachedHandshake && !c.ended()) {
                sink.close(ChannelService.CLOSE_REPLACED, "replaced by a newer connection");
                return true;
            }
            c.attachedHandshake = handshake;
            ended = c.ended();
            if (!ended) {
                previous = c.sink();
                c.sink(sink);
            }
            c.trim(retentionEvents, retentionTime, clock.instant());
            long from = hook.replayAfter(lastSequence == null ? 0 : lastSequence, c.lastSequence());
            for (RetainedEvent e : c.retainedAfter(from)) {
                if (!sink.send(e)) {
                    if (!ended) {
                        c.sink(null);
                    }
                    break;
                }
                c.delivered(e.sequence());
            }
        }
        if (ended) {
            sink.close(ChannelService.CLOSE_NORMAL, "channel ended");
        } else if (previous != null && previous != sink) {
            previous.close(ChannelService.CLOSE_REPLACED, "replaced by a newer connection");
        }
        return true;
    }
}
