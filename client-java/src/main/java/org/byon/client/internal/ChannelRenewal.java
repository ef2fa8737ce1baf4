package org.byon.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Future;
import org.byon.client.ByonApiException;
import org.byon.client.internal.openapi.model.NotificationChannel;
import org.byon.client.internal.openapi.model.UpdateNotificationChannel;

/**
 * Renews one notification channel ({@code PUT}) before it expires, asking each time for the lifetime
 * the gateway granted on creation; a failed renewal is retried after {@link #RENEW_RETRY}, a
 * {@code 404} means the channel is gone and runs the {@code gone} callback. A channel without an
 * expiry is never renewed.
 *
 * <p>Thread-safe: the schedule is guarded by {@code this}; {@link #expiresAt()} is volatile. The
 * {@code gone} callback is run without holding this lock, so the owner may take its own lock and
 * then call {@link #stop()}.
 */
final class ChannelRenewal {

    /** Renew at most this long before the channel expires. */
    private static final Duration MAX_RENEW_MARGIN = Duration.ofMinutes(5);
    private static final Duration RENEW_RETRY = Duration.ofSeconds(5);

    private final ClientContext context;
    private final Transport transport;
    private final String channelId;
    private final Runnable gone;
    private volatile OffsetDateTime expiresAt;
    /** The lifetime the gateway granted on creation, asked for again on every renewal. */
    private final Duration lifetime;

    // guarded by this
    private boolean stopped;
    private Future<?> renewal;

    ChannelRenewal(ClientContext context, Transport transport, String channelId, OffsetDateTime expiresAt, Runnable gone) {
        this.context = context;
        this.transport = transport;
        this.channelId = channelId;
        this.gone = gone;
        this.expiresAt = expiresAt;
        this.lifetime = expiresAt == null ? Duration.ZERO : Duration.between(Instant.now(), expiresAt.toInstant());
    }

    /** @return the current expiry (updated by every successful renewal), or null when the channel has none */
    OffsetDateTime expiresAt() {
        return expiresAt;
    }

    /** Schedules the next renewal before the channel expires; does nothing once stopped. */
    synchronized void start() {
        OffsetDateTime at = expiresAt;
        if (stopped || at == null) {
            return;
        }
        Duration left = Duration.between(Instant.now(), at.toInstant());
        Duration margin = left.dividedBy(5).compareTo(MAX_RENEW_MARGIN) < 0 ? left.dividedBy(5) : MAX_RENEW_MARGIN;
        schedule(left.minus(margin));
    }

    /** Cancels the scheduled renewal for good. */
    synchronized void stop() {
        stopped = true;
        if (renewal != null) {
            renewal.cancel(false);
        }
    }

    /** Called with the lock held. */
    private void schedule(Duration delay) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        renewal = context.schedule(this::renew, Math.max(0, delay.toMillis()));
    }

    private void renew() {
        try {
            // ask for the lifetime first granted again (the gateway caps it at its maximum)
            UpdateNotificationChannel body = new UpdateNotificationChannel()
                    .requestedExpiresAt(OffsetDateTime.now(ZoneOffset.UTC).plus(lifetime));
            NotificationChannel renewed = transport.sendIdempotent(h -> transport.channels()
                    .updateNotificationChannelWithHttpInfo(channelId, body, null, h));
            ChannelFields fields = renewed == null ? null : ChannelFields.of(renewed);
            if (fields != null && fields.expiresAt() != null) {
                expiresAt = fields.expiresAt();
            }
            start();
        } catch (ByonApiException e) {
            if (e.status() == 404) {
                context.log().warn("channel " + channelId + " no longer exists");
                gone.run();
                return;
            }
            context.log().warn("renewing channel " + channelId + " failed, retrying: " + e.getMessage());
            retry();
        } catch (RuntimeException e) {
            context.log().warn("renewing channel " + channelId + " failed, retrying: " + e.getMessage());
            retry();
        }
    }

    private synchronized void retry() {
        if (!stopped) {
            schedule(RENEW_RETRY);
        }
    }
}
