package org.byon.gateway.channel;

import java.util.List;

/**
 * A seam in the event publisher for the fault-injection package. The default hook changes nothing; the
 * publisher calls it for every event, so implementations must be cheap when inactive.
 */
public interface EventHook {
    /** The events to publish instead of {@code event} (none, itself, or several, in order). */
    default List<ChannelEvent> adjust(String channelId, ChannelEvent event) {
        return List.of(event);
    }

    /** How much to advance the channel's sequence for the next event (1 in a correct gateway). */
    default int sequenceStep(long lastSequence) {
        return 1;
    }

    /** The serialized CloudEvent as it leaves the gateway. */
    default String rewrite(String json) {
        return json;
    }

    /**
     * The sequence after which a reconnecting WebSocket's replay starts.
     *
     * @param requested the client's {@code lastSequence} (0 without one)
     * @param channelLast the channel's last sequence number
     */
    default long replayAfter(long requested, long channelLast) {
        return requested;
    }

    EventHook NONE = new EventHook() {
    };
}
