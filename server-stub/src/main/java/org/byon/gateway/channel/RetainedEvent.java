package org.byon.gateway.channel;

import java.time.Instant;

/**
 * A published event as sent on the wire.
 *
 * @param sequence the channel sequence it carries
 * @param time     when it was published
 * @param type     the CloudEvent type
 * @param json     the structured-mode CloudEvent JSON
 */
public record RetainedEvent(long sequence, Instant time, String type, String json) {
}
