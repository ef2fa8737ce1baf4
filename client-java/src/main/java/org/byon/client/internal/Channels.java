package org.byon.client.internal;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.byon.client.ByonApiException;
import org.byon.client.EventListener;
import org.byon.client.NotificationChannelHandle;
import org.byon.client.internal.openapi.model.CreateNotificationChannel;
import org.byon.client.internal.openapi.model.CreatePushNotificationChannel;
import org.byon.client.internal.openapi.model.CreateWebSocketNotificationChannel;
import org.byon.client.internal.openapi.model.CreateWebhookNotificationChannel;
import org.byon.client.internal.openapi.model.NotificationChannel;
import org.byon.client.internal.openapi.model.PushNotificationChannelData;
import org.byon.client.internal.openapi.model.WebSocketNotificationChannel;
import org.byon.client.internal.openapi.model.WebhookNotificationChannel;
import org.byon.client.internal.openapi.model.WebhookChannelData;

/** Creation of notification channels (the edge to the generated channel types). */
public final class Channels {

    private Channels() {
    }

    public static NotificationChannelHandle openWebSocket(ClientContext context, Transport transport, EventListener listener) {
        return Async.await(openWebSocketAsync(context, transport, listener));
    }

    /** Creates a WebSocket channel and connects to it without blocking; a channel that cannot be connected is deleted again. */
    public static CompletableFuture<NotificationChannelHandle> openWebSocketAsync(ClientContext context, Transport transport,
                                                                               EventListener listener) {
        CreateWebSocketNotificationChannel body = new CreateWebSocketNotificationChannel();
        body.setChannelType("WebSocket");
        return createAsync(transport, new CreateNotificationChannel(body)).thenCompose(created -> {
            if (!(created.channel() instanceof WebSocketNotificationChannel ws) || ws.getChannelData() == null
                    || ws.getChannelData().getChannelURL() == null) {
                deleteQuietly(transport, created.id());
                return Async.failed(new IllegalStateException("the gateway returned no channelURL for WebSocket channel "
                        + created.id()));
            }
            URI url = URI.create(String.valueOf(ws.getChannelData().getChannelURL()));
            WebSocketChannel channel = new WebSocketChannel(context, transport, created.id(), url, created.expiresAt(), listener);
            return channel.connectAsync().handle((ok, error) -> {
                if (error != null) {
                    deleteQuietly(transport, created.id());
                    throw Async.rethrown(error);
                }
                context.addChannel(channel);
                return (NotificationChannelHandle) channel;
            });
        });
    }

    /** @return the channel with that id ({@code GET}), empty on 404; a WebSocket channel is returned unconnected */
    public static Optional<NotificationChannelHandle> find(Transport transport, String channelId) {
        try {
            NotificationChannel c = transport.sendIdempotent(h -> transport.channels().getNotificationChannelWithHttpInfo(channelId, null, h));
            return Optional.ofNullable(c).map(ChannelFields::of).map(f -> plain(transport, f));
        } catch (ByonApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @return the caller's channels ({@code GET /channels}), in creation order, unconnected */
    public static List<NotificationChannelHandle> list(Transport transport) {
        List<NotificationChannel> all = transport.sendIdempotent(h -> transport.channels().listNotificationChannelsWithHttpInfo(null, h));
        List<NotificationChannelHandle> handles = new ArrayList<>();
        if (all != null) {
            for (NotificationChannel c : all) {
                ChannelFields f = c == null ? null : ChannelFields.of(c);
                if (f != null && f.id() != null) {
                    handles.add(plain(transport, f));
                }
            }
        }
        return handles;
    }

    /**
     * Connects to an existing WebSocket channel (read back with {@code GET}) and resumes after
     * {@code lastSequence}: what an application does after a restart.
     */
    public static NotificationChannelHandle reattachWebSocket(ClientContext context, Transport transport, String channelId,
                                                              long lastSequence, EventListener listener) {
        NotificationChannel read = transport.sendIdempotent(h -> transport.channels().getNotificationChannelWithHttpInfo(channelId, null, h));
        ChannelFields found = read == null ? null : ChannelFields.of(read);
        if (found == null || !(found.channel() instanceof WebSocketNotificationChannel ws) || ws.getChannelData() == null
                || ws.getChannelData().getChannelURL() == null) {
            throw new IllegalArgumentException("channel " + channelId + " is not a WebSocket channel with a channelURL");
        }
        URI url = URI.create(String.valueOf(ws.getChannelData().getChannelURL()));
        WebSocketChannel channel = new WebSocketChannel(context, transport, channelId, url, found.expiresAt(), listener,
                lastSequence);
        channel.connect();
        context.addChannel(channel);
        return channel;
    }

    private static NotificationChannelHandle plain(Transport transport, ChannelFields c) {
        NotificationChannelHandle.Type type;
        if (c.channel() instanceof WebSocketNotificationChannel) {
            type = NotificationChannelHandle.Type.WEB_SOCKET;
        } else if (c.channel() instanceof WebhookNotificationChannel) {
            type = NotificationChannelHandle.Type.WEBHOOK;
        } else {
            type = NotificationChannelHandle.Type.PUSH_NOTIFICATION;
        }
        return new PlainChannel(transport, c.id(), type, c.expiresAt());
    }

    public static NotificationChannelHandle createWebhook(ClientContext context, Transport transport, URI notificationUrl,
                                                          String notificationAuthToken) {
        CreateWebhookNotificationChannel body = new CreateWebhookNotificationChannel();
        body.setChannelType("Webhook");
        body.channelData(new WebhookChannelData().notificationUrl(notificationUrl.toString()).notificationAuthToken(notificationAuthToken));
        ChannelFields created = create(transport, new CreateNotificationChannel(body));
        return new PlainChannel(transport, created.id(), NotificationChannelHandle.Type.WEBHOOK, created.expiresAt());
    }

    public static NotificationChannelHandle createPush(ClientContext context, Transport transport, String registrationToken) {
        CreatePushNotificationChannel body = new CreatePushNotificationChannel();
        body.setChannelType("PushNotification");
        body.channelData(new PushNotificationChannelData().registrationToken(registrationToken));
        ChannelFields created = create(transport, new CreateNotificationChannel(body));
        return new PlainChannel(transport, created.id(), NotificationChannelHandle.Type.PUSH_NOTIFICATION,
                created.expiresAt());
    }

    private static ChannelFields create(Transport transport, CreateNotificationChannel body) {
        return Async.await(createAsync(transport, body));
    }

    private static CompletableFuture<ChannelFields> createAsync(Transport transport, CreateNotificationChannel body) {
        return transport.sendAsync(h -> transport.channels().createNotificationChannelWithHttpInfo(body, null, h))
                .thenApply(created -> {
                    ChannelFields out = created == null ? null : ChannelFields.of(created);
                    if (out == null || out.id() == null) {
                        throw new IllegalStateException("the gateway returned no channel");
                    }
                    return out;
                });
    }

    static void delete(Transport transport, String channelId) {
        try {
            transport.sendIdempotent(h -> transport.channels().deleteNotificationChannelWithHttpInfo(channelId, null, h));
        } catch (ByonApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    static void deleteQuietly(Transport transport, String channelId) {
        try {
            delete(transport, channelId);
        } catch (RuntimeException e) {
            transport.log().warn("deleting channel " + channelId + " failed: " + e.getMessage());
        }
    }

    /** A webhook or push channel: a plain resource. Thread-safe. */
    static final class PlainChannel implements NotificationChannelHandle {
        private final Transport transport;
        private final String channelId;
        private final Type type;
        private final OffsetDateTime expiresAt;
        private volatile boolean closed;

        PlainChannel(Transport transport, String channelId, Type type, OffsetDateTime expiresAt) {
            this.transport = transport;
            this.channelId = channelId;
            this.type = type;
            this.expiresAt = expiresAt;
        }

        @Override
        public String channelId() {
            return channelId;
        }

        @Override
        public Type type() {
            return type;
        }

        @Override
        public Optional<OffsetDateTime> expiresAt() {
            return Optional.ofNullable(expiresAt);
        }

        @Override
        public long lastSequence() {
            return 0;
        }

        @Override
        public boolean isConnected() {
            return false;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                delete(transport, channelId);
                closed = true;
            }
        }

        @Override
        public String toString() {
            return "NotificationChannel[" + channelId + ", " + type + "]";
        }
    }
}
