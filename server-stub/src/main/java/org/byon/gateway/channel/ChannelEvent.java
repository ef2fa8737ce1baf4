package org.byon.gateway.channel;

import java.util.Map;

/**
 * An event before it gets its CloudEvents envelope and sequence.
 *
 * @param type    the event type
 * @param source  the CloudEvent {@code source} (a URI reference of the resource the event is about)
 * @param data    the {@code data} object, serialized as JSON (insertion order kept)
 * @param outgoingLeg whether the event is about an outgoing voice session (used by event fault hooks only;
 *                    never serialized)
 */
public record ChannelEvent(EventType type, String source, Map<String, Object> data, boolean outgoingLeg) {
    public ChannelEvent(EventType type, String source, Map<String, Object> data) {
        this(type, source, data, false);
    }

    /** The same event with other data. */
    public ChannelEvent withData(Map<String, Object> newData) {
        return new ChannelEvent(type, source, newData, outgoingLeg);
    }
}
