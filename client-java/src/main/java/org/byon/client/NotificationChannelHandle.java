package org.byon.client;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A notification channel of the subscriber (the contract's {@code NotificationChannel}).
 *
 * <p>A WebSocket channel opened with {@link ByonClient#openWebSocketChannel(EventListener)} is
 * connected: it delivers typed events to its {@link EventListener}, reconnects automatically after
 * a lost connection with {@code ?lastSequence=N} so that retained events are replayed, drops
 * duplicates and reports gaps, and renews itself ({@code PUT /channels/{id}}) shortly before it
 * expires. Webhook and push channels ({@link ByonClient#createWebhookChannel},
 * {@link ByonClient#createPushChannel}) are plain resources: the gateway delivers their events to
 * the webhook URL or push service, not to this object, and they are not renewed automatically.
 *
 * <p>Thread-safe. {@link #close()} deletes the channel on the gateway and is idempotent.
 */
public interface NotificationChannelHandle extends AutoCloseable {

    /** The contract's {@code channelType}. */
    enum Type {
        /** Events are pushed over a WebSocket to this client. */
        WEB_SOCKET,
        /** Events are POSTed to the ASP's HTTPS endpoint. */
        WEBHOOK,
        /** Events are handed to a push notification service. */
        PUSH_NOTIFICATION
    }

    /** @return the gateway's channel id */
    String channelId();

    /** @return the type of channel */
    Type type();

    /** @return when the channel expires (as last granted by the gateway), if the gateway said so */
    Optional<OffsetDateTime> expiresAt();

    /**
     * @return the sequence number of the last event delivered to the listener (0 before the
     *         first); always 0 for webhook and push channels
     */
    long lastSequence();

    /** @return whether a WebSocket channel is currently connected; {@code false} for other types */
    boolean isConnected();

    /**
     * Deletes the channel on the gateway (a 404 is ignored) and, for a WebSocket channel, closes the
     * socket and stops reconnecting. Idempotent.
     *
     * @throws ByonApiException when the gateway refuses the deletion with an error other than 404
     */
    @Override
    void close();
}
