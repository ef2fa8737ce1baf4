package org.byon.gateway.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Ids;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.network.NetworkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification channels and the event bus: every event gets the channel's next {@code sequence} (from 1, no
 * gaps), is retained (bounded by count and age) for {@code lastSequence} replay, and is delivered to the
 * channel's WebSocket, webhook or push sender. Thread-safe; per-channel order is kept by publishing under
 * the channel's monitor.
 */
public class ChannelService {
    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);

    /** WebSocket close codes (RFC 6455 section 7.4 and the private-use range 4000-4999). */
    public static final int CLOSE_NORMAL = 1000;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_UNKNOWN_CHANNEL = 4404;
    public static final int CLOSE_REPLACED = 4409;

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, Channel> byCredential = new ConcurrentHashMap<>();
    private final Map<Owner, java.util.Set<String>> byOwner = new ConcurrentHashMap<>();
    private volatile int maxChannelsPerOwner = Integer.MAX_VALUE;
    private volatile long maxRetentionBytes = Long.MAX_VALUE;
    private final List<ChannelEndListener> endListeners = new CopyOnWriteArrayList<>();
    private final List<ChannelPresenceListener> presenceListeners = new CopyOnWriteArrayList<>();
    private final CloudEventWriter writer = new CloudEventWriter();
    private final NetworkScheduler scheduler;
    private final WebhookSender webhooks;
    private final PushSender push;
    private final WebhookUrlGuard urlGuard;
    private final Visibility visibility;
    private final EventHook hook;
    private final Clock clock;
    private final Duration defaultExpiry;
    private final Duration maxExpiry;
    private final int retentionEvents;
    private final Duration retentionTime;

    public ChannelService(NetworkScheduler scheduler, WebhookSender webhooks, PushSender push, WebhookUrlGuard urlGuard,
                          Visibility visibility, EventHook hook, Clock clock, Duration defaultExpiry, Duration maxExpiry,
                          int retentionEvents, Duration retentionTime) {
        this.scheduler = scheduler;
        this.webhooks = webhooks;
        this.push = push;
        this.urlGuard = urlGuard;
        this.visibility = visibility;
        this.hook = hook;
        this.clock = clock;
        this.defaultExpiry = defaultExpiry;
        this.maxExpiry = maxExpiry;
        this.retentionEvents = retentionEvents;
        this.retentionTime = retentionTime;
        if (webhooks != null) {
            webhooks.onChannelGone((id, reason) -> find(id).ifPresent(c -> end(c, reason)));
        }
    }

    public void addEndListener(ChannelEndListener listener) {
        endListeners.add(listener);
    }

    public void addPresenceListener(ChannelPresenceListener listener) {
        presenceListeners.add(listener);
    }

    // ---------------------------------------------------------------- resource operations

    /** @param wsBase e.g. {@code ws://host:8080}; the channel URL is {@code wsBase/byon/v0.2/notifications/ws/<credential>} */
    public Channel createWebSocket(Owner owner, Instant requestedExpiresAt, String wsBase) {
        String credential = Ids.newCredential();
        String url = wsBase + NotificationPaths.WS_PREFIX + credential;
        return register(new Channel(Ids.newId("ch"), owner, ChannelType.WEBSOCKET, clock.instant(),
                expiry(requestedExpiresAt), credential, url, null, null, null));
    }

    public Channel createWebhook(Owner owner, Instant requestedExpiresAt, String notificationUrl, String authToken) {
        urlGuard.check(notificationUrl);
        return register(new Channel(Ids.newId("ch"), owner, ChannelType.WEBHOOK, clock.instant(),
                expiry(requestedExpiresAt), null, null, notificationUrl, authToken, null));
    }

    public Channel createPush(Owner owner, Instant requestedExpiresAt, String registrationToken) {
        if (registrationToken == null || registrationToken.isBlank()) {
            throw ByonException.invalid("channelData.registrationToken is required");
        }
        return register(new Channel(Ids.newId("ch"), owner, ChannelType.PUSH_NOTIFICATION, clock.instant(),
                expiry(requestedExpiresAt), null, null, null, null, registrationToken));
    }

    /** At most {@code max} live channels per subscriber (so a list is bounded too); beyond it 429 {@code QUOTA_EXCEEDED}. */
    public void limitChannelsPerOwner(int max) {
        this.maxChannelsPerOwner = max;
    }

    /** Each channel's replay retention is also bounded in size (JSON characters, about bytes). */
    public void limitRetentionBytes(long max) {
        this.maxRetentionBytes = max;
    }

    private Channel register(Channel c) {
        java.util.Set<String> owned = byOwner.computeIfAbsent(c.owner(), k -> ConcurrentHashMap.newKeySet());
        synchronized (owned) {
            if (owned.size() >= maxChannelsPerOwner) {
                throw new ByonException(ErrorCode.QUOTA_EXCEEDED, "the subscriber has " + maxChannelsPerOwner
                        + " notification channels, the most the gateway allows");
            }
            owned.add(c.id());
        }
        c.maxRetainedChars(maxRetentionBytes);
        channels.put(c.id(), c);
        if (c.wsCredential() != null) {
            byCredential.put(c.wsCredential(), c);
        }
        scheduleExpiry(c);
        return c;
    }

    public Channel get(Owner caller, String channelId) {
        Channel c = channels.get(channelId);
        if (c == null || c.ended() || !visible(c, caller)) {
            throw ByonException.notFound("channel", channelId);
        }
        return c;
    }

    /** The caller's channel, or empty (no existence leak). */
    public Optional<Channel> owned(Owner caller, String channelId) {
        Channel c = channelId == null ? null : channels.get(channelId);
        return c == null || c.ended() || !c.owner().equals(caller) ? Optional.empty() : Optional.of(c);
    }

    public Optional<Channel> find(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    public List<Channel> list(Owner caller) {
        List<Channel> out = new ArrayList<>();
        for (Owner owner : visibility.listed(caller, byOwner.keySet())) {
            for (String id : byOwner.getOrDefault(owner, java.util.Set.of())) {
                Channel c = channels.get(id);
                if (c != null && !c.ended()) {
                    out.add(c);
                }
            }
        }
        out.sort(Comparator.comparing(Channel::createdAt).thenComparing(Channel::id));
        return out;
    }

    public Channel update(Owner caller, String channelId, Instant requestedExpiresAt, String newAuthToken) {
        Channel c = get(caller, channelId);
        if (newAuthToken != null) {
            if (c.type() != ChannelType.WEBHOOK) {
                throw ByonException.invalid("notificationAuthToken applies to Webhook channels only");
            }
            c.notificationAuthToken(newAuthToken);
        }
        // byon.yaml: an empty body renews by the default lifetime; a token rotation alone keeps the expiry
        if (requestedExpiresAt != null || newAuthToken == null) {
            Instant expiresAt = expiry(requestedExpiresAt);
            synchronized (c) {
                c.expiresAt(expiresAt);
                scheduleExpiry(c);
            }
        }
        return c;
    }

    public void delete(Owner caller, String channelId) {
        Channel c = get(caller, channelId);
        if (!end(c, ChannelEndReason.DELETED)) {
            throw ByonException.notFound("channel", channelId);
        }
    }

    private boolean visible(Channel c, Owner caller) {
        return visibility.reaches(caller, c.owner());
    }

    private Instant expiry(Instant requested) {
        Instant now = clock.instant();
        if (requested == null) {
            return now.plus(defaultExpiry);
        }
        if (!requested.isAfter(now)) {
            throw new ByonException(ErrorCode.OUT_OF_RANGE, "requestedExpiresAt must be in the future");
        }
        Instant max = now.plus(maxExpiry);
        return requested.isAfter(max) ? max : requested;
    }

    private void scheduleExpiry(Channel c) {
        synchronized (c) {
            if (c.expiryTimer != null) {
                c.expiryTimer.cancel(false);
            }
            Duration delay = Duration.between(clock.instant(), c.expiresAt());
            c.expiryTimer = scheduler.schedule(delay, () -> {
                if (!c.expiresAt().isAfter(clock.instant().plusMillis(5))) {
                    end(c, ChannelEndReason.CHANNEL_EXPIRED);
                }
            });
        }
    }

    /**
     * Ends a channel: its registrations end first (their events still reach it), then {@code channel-ends} is
     * published and a WebSocket is closed with 1000. Idempotent: false if it had already ended.
     */
    public boolean end(Channel c, ChannelEndReason reason) {
        synchronized (c) {
            if (c.ended()) {
                return false;
            }
            if (reason == ChannelEndReason.WEBHOOK_GONE || reason == ChannelEndReason.DELIVERY_FAILED) {
                c.stopDelivery();
            }
        }
        for (ChannelEndListener l : endListeners) {
            try {
                l.channelEnding(c, reason);
            } catch (RuntimeException e) {
                log.error("channel end listener failed", e);
            }
        }
        EventSink sink;
        synchronized (c) {
            if (c.ended()) {
                return false;
            }
            if (reason != ChannelEndReason.WEBHOOK_GONE) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("channelId", c.id());
                data.put("terminationReason", reason.name());
                publishLocked(c, new ChannelEvent(EventType.CHANNEL_ENDS, NotificationPaths.channelSource(c.id()), data));
            }
            c.markEnded();
            if (c.expiryTimer != null) {
                c.expiryTimer.cancel(false);
            }
            sink = c.sink();
            c.sink(null);
        }
        channels.remove(c.id(), c);
        java.util.Set<String> owned = byOwner.get(c.owner());
        if (owned != null) {
            owned.remove(c.id());
        }
        if (c.wsCredential() != null) {
            byCredential.remove(c.wsCredential(), c);
        }
        if (sink != null) {
            sink.close(CLOSE_NORMAL, "channel ended: " + reason.name());
        }
        if (webhooks != null && c.type() == ChannelType.WEBHOOK) {
            webhooks.forget(c.id());
        }
        log.debug("channel {} ended: {}", c.id(), reason);
        return true;
    }

    // ---------------------------------------------------------------- events

    /** Publishes an event on a channel; silently dropped if the channel no longer exists. */
    public void publish(String channelId, ChannelEvent event) {
        Channel c = channelId == null ? null : channels.get(channelId);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.ended()) {
                publishLocked(c, event);
            }
        }
    }

    private void publishLocked(Channel c, ChannelEvent original) {
        for (ChannelEvent event : hook.adjust(c.id(), original)) {
            long seq = c.lastSequence() + hook.sequenceStep(c.lastSequence());
            c.lastSequence(seq);
            Instant now = clock.instant();
            RetainedEvent e = new RetainedEvent(seq, now, event.type().type(),
                    hook.rewrite(writer.write(event, seq, now)));
            c.retain(e, retentionEvents, retentionTime);
            switch (c.type()) {
                case WEBSOCKET -> {
                    EventSink sink = c.sink();
                    if (sink != null) {
                        if (sink.send(e)) {
                            c.delivered(seq);
                        } else {
                            c.sink(null);
                        }
                    }
                }
                case WEBHOOK -> {
                    if (webhooks != null && !c.deliveryStopped()) {
                        webhooks.deliver(c, e);
                    }
                    c.delivered(seq);
                }
                case PUSH_NOTIFICATION -> {
                    push.push(c.id(), c.registrationToken(), e);
                    c.delivered(seq);
                }
            }
        }
    }

    // ---------------------------------------------------------------- WebSocket attachment

    /** The live channel holding a WebSocket credential, or null; resolved during the handshake (before the client sees it open). */
    public Channel channelFor(String credential) {
        return credential == null ? null : byCredential.get(credential);
    }

    /** Numbers a WebSocket handshake on the channel (in the order the handshakes were answered). */
    public long handshake(Channel c) {
        synchronized (c) {
            return ++c.handshakes;
        }
    }

    /** Attaches a connection to the channel holding {@code credential}; false if none does (4404). */
    public boolean attach(String credential, EventSink sink, Long lastSequence) {
        Channel c = channelFor(credential);
        return attach(c, c == null ? 0 : handshake(c), sink, lastSequence);
    }

    /** See {@link WebSocketAttachment#attach}; false if there is no channel (the caller closes with 4404). */
    public boolean attach(Channel c, long handshake, EventSink sink, Long lastSequence) {
        if (c == null || !WebSocketAttachment.attach(c, handshake, sink, lastSequence, hook,
                retentionEvents, retentionTime, clock)) {
            return false;
        }
        boolean connected;
        synchronized (c) {
            connected = !c.ended() && c.sink() == sink;
        }
        if (connected) {
            presenceListeners.forEach(l -> l.connected(c));
        }
        return true;
    }

    public void detach(String credential, EventSink sink) {
        Channel c = credential == null ? null : byCredential.get(credential);
        if (c != null) {
            boolean disconnected;
            synchronized (c) {
                if (c.sink() == sink) {
                    c.sink(null);
                }
                disconnected = c.sink() == null && !c.ended();
            }
            if (disconnected) {
                presenceListeners.forEach(l -> l.disconnected(c));
            }
        }
    }

    /** Closes every WebSocket with 1001 Going Away (graceful shutdown). */
    public void closeAllWebSockets() {
        for (Channel c : channels.values()) {
            EventSink sink;
            synchronized (c) {
                sink = c.sink();
                c.sink(null);
            }
            if (sink != null) {
                sink.close(CLOSE_GOING_AWAY, "gateway shutting down");
            }
        }
    }

    public int size() {
        return channels.size();
    }
}
