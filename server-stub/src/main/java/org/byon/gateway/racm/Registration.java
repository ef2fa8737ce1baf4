package org.byon.gateway.racm;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import org.byon.gateway.common.Owner;

/**
 * A registered web endpoint (RACM session): SIP REGISTER of a device under the subscriber's number.
 * Mutable fields are guarded by the registration's monitor.
 */
public final class Registration {
    private final String id;
    private final UUID deviceId;
    private final String channelId;
    private final Owner owner;
    private final Instant createdAt;
    private volatile Instant expiresAt;
    private volatile Instant tokenExpiresAt;
    private volatile boolean ended;
    private volatile java.time.Duration disconnectGrace;
    ScheduledFuture<?> timer;

    Registration(String id, UUID deviceId, String channelId, Owner owner, Instant createdAt, Instant expiresAt,
                 Instant tokenExpiresAt) {
        this.id = id;
        this.deviceId = deviceId;
        this.channelId = channelId;
        this.owner = owner;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.tokenExpiresAt = tokenExpiresAt;
    }

    public String id() {
        return id;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public String channelId() {
        return channelId;
    }

    public Owner owner() {
        return owner;
    }

    public String phoneNumber() {
        return owner.phoneNumber();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    void expiresAt(Instant v) {
        expiresAt = v;
    }

    /** When the access token that created or last refreshed the registration expires (null: unknown). */
    public Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    void tokenExpiresAt(Instant v) {
        tokenExpiresAt = v;
    }

    public boolean ended() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }

    /**
     * How long the registration's WebSocket channel may stay disconnected before the registration ends
     * ({@link DisconnectGrace}); null when the rule does not apply (no WebSocket channel, or the rule is off).
     */
    public java.time.Duration disconnectGrace() {
        return disconnectGrace;
    }

    void disconnectGrace(java.time.Duration v) {
        disconnectGrace = v;
    }
}
