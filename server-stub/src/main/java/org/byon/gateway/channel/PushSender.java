package org.byon.gateway.channel;

/**
 * Hands an event to a push notification service (APNs, FCM, Web Push) for a {@code PushNotification}
 * channel. Implementations must not block the caller for long and must be thread-safe.
 */
public interface PushSender {
    /**
     * @param channelId         the channel
     * @param registrationToken the PNS registration token of the channel
     * @param event             the structured CloudEvent JSON
     */
    void push(String channelId, String registrationToken, RetainedEvent event);
}
