package org.byon.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.byon.client.ByonApiException;
import org.byon.client.Call;
import org.byon.client.Registration;
import org.byon.client.TokenSource;
import org.byon.client.internal.openapi.model.CreateRacmSession;
import org.byon.client.internal.openapi.model.CreateVoiceSession;
import org.byon.client.internal.openapi.model.RacmSession;
import org.byon.client.internal.openapi.model.SdpDescriptor;
import org.byon.client.internal.openapi.model.UpdateRacmSession;
import org.byon.client.internal.openapi.model.VoiceSession;

/**
 * A registration that refreshes itself (PUT with a fresh token) before its token or its expiry
 * runs out. Thread-safe: mutable state guarded by {@code this}.
 */
public final class RegistrationImpl implements Registration {

    /** Refresh at most this long before the earlier of token expiry and registration expiry. */
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);
    /** Refresh interval when neither expiry is known. */
    private static final Duration FALLBACK_INTERVAL = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(2);

    private final ClientContext context;
    private final Transport transport;
    private final String racmSessionId;
    private final UUID deviceId;
    private final String channelId;
    private final String phoneNumber;
    private final Duration requestedExpiry;

    private OffsetDateTime expiresAt;
    private TokenSource.Token lastToken;
    private Future<?> next;
    private boolean active = true;

    private RegistrationImpl(ClientContext context, Transport transport, RacmSession session, TokenSource.Token token,
                             Duration requestedExpiry) {
        this.context = context;
        this.transport = transport;
        this.racmSessionId = session.getRacmSessionId();
        this.deviceId = session.getDeviceId();
        this.channelId = session.getChannelId();
        this.phoneNumber = session.getPhoneNumber();
        this.expiresAt = session.getExpiresAt();
        this.lastToken = token;
        this.requestedExpiry = requestedExpiry;
    }

    /** POSTs a registration and starts its refresh schedule. */
    public static RegistrationImpl register(ClientContext context, Transport transport, String channelId, UUID deviceId,
                                            Duration requestedExpiry) {
        return Async.await(registerAsync(context, transport, channelId, deviceId, requestedExpiry));
    }

    /** {@link #register} without blocking. */
    public static CompletableFuture<RegistrationImpl> registerAsync(ClientContext context, Transport transport, String channelId,
                                                                    UUID deviceId, Duration requestedExpiry) {
        CreateRacmSession body = new CreateRacmSession().deviceId(deviceId).channelId(channelId);
        if (requestedExpiry != null) {
            body.registrationExpireTime(OffsetDateTime.now(ZoneOffset.UTC).plus(requestedExpiry));
        }
        return transport.tokenAsync(null).thenCompose(token -> transport
                .sendAsync(h -> transport.racm().createRacmSessionWithHttpInfo(body, null, h), token, false)
                .thenApply(session -> {
                    RegistrationImpl r = new RegistrationImpl(context, transport, session, token, requestedExpiry);
                    context.addRegistration(r);
                    synchronized (r) {
                        r.scheduleNext();
                    }
                    return r;
                }));
    }

    /**
     * Attaches a registration read back with {@code GET} (after a restart, say) and starts its
     * refresh schedule; the next refresh sends a fresh token.
     */
    static RegistrationImpl attach(ClientContext context, Transport transport, RacmSession session) {
        RegistrationImpl r = new RegistrationImpl(context, transport, session, null, null);
        RegistrationImpl known = context.addRegistrationIfAbsent(r);
        if (known != r) {
            return known;
        }
        synchronized (r) {
            r.scheduleNext();
        }
        return r;
    }

    /** Called with the lock held. */
    private void scheduleNext() {
        if (!active) {
            return;
        }
        Instant now = Instant.now();
        Instant due = null;
        if (lastToken != null && lastToken.expiresAt() != null) {
            due = lastToken.expiresAt();
        }
        if (expiresAt != null && (due == null || expiresAt.toInstant().isBefore(due))) {
            due = expiresAt.toInstant();
        }
        Duration delay;
        if (due == null) {
            delay = FALLBACK_INTERVAL;
        } else {
            Duration left = Duration.between(now, due);
            Duration margin = left.dividedBy(3).compareTo(MAX_MARGIN) < 0 ? left.dividedBy(3) : MAX_MARGIN;
            delay = left.minus(margin);
        }
        // a token source that cannot give a newer token (a supplier returning the same one) must not
        // turn the approach of its expiry into a burst of refreshes
        if (delay.compareTo(MIN_INTERVAL) < 0) {
            delay = MIN_INTERVAL;
        }
        schedule(delay);
    }

    private void schedule(Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        long ms = Math.max(0, delay.toMillis());
        next = context.schedule(this::refreshInBackground, ms);
    }

    private void refreshInBackground() {
        refreshAsync().whenComplete((ok, error) -> {
            if (error == null) {
                return;
            }
            Throwable e = Async.unwrap(error);
            if (e instanceof ByonApiException api && api.status() == 404) {
                context.log().warn("registration " + racmSessionId + " no longer exists");
                ended();
                return;
            }
            if (e instanceof IllegalStateException) {
                return; // closed meanwhile
            }
            context.log().warn("refreshing registration " + racmSessionId + " failed, retrying: " + e.getMessage());
            synchronized (this) {
                if (active) {
                    schedule(RETRY);
                }
            }
        });
    }

    @Override
    public void refresh() {
        Async.await(refreshAsync());
    }

    /** {@link #refresh()} without blocking. */
    CompletableFuture<Void> refreshAsync() {
        TokenSource.Token stale;
        synchronized (this) {
            if (!active) {
                return Async.failed(new IllegalStateException("registration " + racmSessionId + " is closed"));
            }
            stale = lastToken;
        }
        UpdateRacmSession body = new UpdateRacmSession();
        if (requestedExpiry != null) {
            body.registrationExpireTime(OffsetDateTime.now(ZoneOffset.UTC).plus(requestedExpiry));
        }
        return transport.tokenAsync(stale).thenCompose(fresh -> transport
                .sendAsync(h -> transport.racm().updateRacmSessionWithHttpInfo(racmSessionId, body, null, h), fresh, true)
                .thenApply(session -> {
                    synchronized (this) {
                        lastToken = fresh;
                        if (session != null && session.getExpiresAt() != null) {
                            expiresAt = session.getExpiresAt();
                        }
                        scheduleNext();
                    }
                    return null;
                }));
    }

    /** The registration ended on the gateway: stop refreshing. */
    void ended() {
        synchronized (this) {
            active = false;
            if (next != null) {
                next.cancel(false);
            }
        }
        context.removeRegistration(this);
    }

    @Override
    public Call call(String receiver, String offerSdp) {
        return Async.await(callAsync(receiver, offerSdp));
    }

    @Override
    public CompletableFuture<Call> callAsync(String receiver, String offerSdp) {
        synchronized (this) {
            if (!active) {
                return Async.failed(new IllegalStateException("registration " + racmSessionId + " is not active"));
            }
        }
        String address = receiver.startsWith("+") ? "tel:" + receiver : receiver;
        CreateVoiceSession body = new CreateVoiceSession().racmSessionId(racmSessionId).receiverAddress(address)
                .offer(new SdpDescriptor().sdp(offerSdp));
        return transport.sendAsync(h -> transport.voice().createVoiceSessionWithHttpInfo(body, null, h))
                .thenApply(vs -> context.outgoing(transport, vs));
    }

    @Override
    public void close() {
        Async.await(closeAsync());
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        boolean wasActive;
        synchronized (this) {
            wasActive = active;
        }
        ended();
        if (!wasActive) {
            return CompletableFuture.completedFuture(null);
        }
        return Async.ignoreNotFound(
                transport.sendIdempotentAsync(h -> transport.racm().deleteRacmSessionWithHttpInfo(racmSessionId, null, h)));
    }

    @Override
    public String racmSessionId() {
        return racmSessionId;
    }

    @Override
    public String phoneNumber() {
        return phoneNumber;
    }

    @Override
    public UUID deviceId() {
        return deviceId;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public synchronized Optional<OffsetDateTime> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public synchronized boolean isActive() {
        return active;
    }

    @Override
    public String toString() {
        return "Registration[" + racmSessionId + ", " + phoneNumber + "]";
    }
}
