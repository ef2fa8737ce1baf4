package org.byon.gateway.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.byon.gateway.common.Owner;

/**
 * A notification channel and its event log. The log state (sequence, retained events, the attached
 * WebSocket) is guarded by the channel's monitor: {@link ChannelService} publishes and attaches under
 * {@code synchronized (channel)}, which keeps the per-channel order of events.
 */
public final class Channel {
    private final String id;
    private final Owner owner;
    private final ChannelType type;
    private final Instant createdAt;
    private final String wsCredential;
    private final String channelUrl;
    private final String notificationUrl;
    private final String registrationToken;
    private volatile String notificationAuthToken;
    private volatile Instant expiresAt;
    private volatile boolean ended;
    private volatile boolean deliveryStopped;

    // guarded by this
    private long lastSequence;
    private long deliveredSequence;
    private final Deque<RetainedEvent> retained = new ArrayDeque<>(1); // grows with the events (16 slots by default)
    private long retainedChars;
    private long maxRetainedChars = Long.MAX_VALUE;
    private EventSink sink;
    ScheduledFuture<?> expiryTimer;
    /** WebSocket handshakes seen, and the number of the one attached (guarded by the channel's monitor). */
    long handshakes;
    long attachedHandshake;

    Channel(String id, Owner owner, ChannelType type, Instant createdAt, Instant expiresAt, String wsCredential,
            String channelUrl, String notificationUrl, String notificationAuthToken, String registrationToken) {
        this.id = id;
        this.owner = owner;
        this.type = type;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.wsCredential = wsCredential;
        this.channelUrl = channelUrl;
        this.notificationUrl = notificationUrl;
        this.notificationAuthToken = notificationAuthToken;
        this.registrationToken = registrationToken;
    }

    public String id() {
        return id;
    }

    public Owner owner() {
        return owner;
    }

    public ChannelType type() {
        return type;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    void expiresAt(Instant value) {
        this.expiresAt = value;
    }

    public String wsCredential() {
        return wsCredential;
    }

    public String channelUrl() {
        return channelUrl;
    }

    public String notificationUrl() {
        return notificationUrl;
    }

    public String notificationAuthToken() {
        return notificationAuthToken;
    }

    void notificationAuthToken(String token) {
        this.notificationAuthToken = token;
    }

    public String registrationToken() {
        return registrationToken;
    }

    public boolean ended() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }

    /** No more deliveries (a webhook that answered 410 or failed every attempt). */
    boolean deliveryStopped() {
        return deliveryStopped;
    }

    void stopDelivery() {
        deliveryStopped = true;
    }

    // ---- event log, callers hold the monitor ----

    long lastSequence() {
        return lastSequence;
    }

    void lastSequence(long s) {
        lastSequence = s;
    }

    long deliveredSequence() {
        return deliveredSequence;
    }

    void delivered(long s) {
        if (s > deliveredSequence) {
            deliveredSequence = s;
        }
    }

    EventSink sink() {
        return sink;
    }

    void sink(EventSink s) {
        sink = s;
    }

    void retain(RetainedEvent e, int maxEvents, Duration maxAge) {
        retained.addLast(e);
        retainedChars += e.json().length();
        trim(maxEvents, maxAge, e.time());
    }

    /** Bounds the retained events' total size (JSON characters) as well as their count and age. */
    void maxRetainedChars(long max) {
        this.maxRetainedChars = max;
    }

    void trim(int maxEvents, Duration maxAge, Instant now) {
        while (retained.size() > maxEvents || retained.size() > 1 && retainedChars > maxRetainedChars) {
            retainedChars -= retained.removeFirst().json().length();
        }
        Instant oldest = now.minus(maxAge);
        while (!retained.isEmpty() && retained.peekFirst().time().isBefore(oldest)) {
            retainedChars -= retained.removeFirst().json().length();
        }
    }

    List<RetainedEvent> retainedAfter(long sequence) {
        List<RetainedEvent> out = new ArrayList<>();
        for (RetainedEvent e : retained) {
            if (e.sequence() > sequence) {
                out.add(e);
            }
        }
        return out;
    }

    /** A snapshot of the retained events (for tests and diagnostics). */
    public synchronized List<RetainedEvent> retainedEvents() {
        return new ArrayList<>(retained);
    }
}
