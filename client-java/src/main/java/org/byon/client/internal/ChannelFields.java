package org.byon.client.internal;

import java.time.OffsetDateTime;
import org.byon.client.internal.openapi.model.NotificationChannel;
import org.byon.client.internal.openapi.model.PushNotificationChannel;
import org.byon.client.internal.openapi.model.WebSocketNotificationChannel;
import org.byon.client.internal.openapi.model.WebhookNotificationChannel;

/**
 * The fields every channel type has, read from the generated {@code oneOf} wrapper
 * {@link NotificationChannel} (whose concrete type {@code channelType} selects).
 *
 * @param id        {@code channelId}
 * @param expiresAt {@code expiresAt}
 * @param channel   the concrete generated channel, or {@code null} for a type this client does not know
 */
record ChannelFields(String id, OffsetDateTime expiresAt, Object channel) {

    /** @return the common fields, or {@code null} when the wrapper holds no channel of a known type */
    static ChannelFields of(NotificationChannel wrapper) {
        Object c = wrapper.getActualInstance();
        if (c instanceof WebSocketNotificationChannel ws) {
            return new ChannelFields(ws.getChannelId(), ws.getExpiresAt(), ws);
        }
        if (c instanceof WebhookNotificationChannel wh) {
            return new ChannelFields(wh.getChannelId(), wh.getExpiresAt(), wh);
        }
        if (c instanceof PushNotificationChannel push) {
            return new ChannelFields(push.getChannelId(), push.getExpiresAt(), push);
        }
        return null;
    }
}
