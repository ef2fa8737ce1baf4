package org.byon.gateway.racm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelEndListener;
import org.byon.gateway.channel.ChannelEndReason;
import org.byon.gateway.channel.ChannelEvent;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.ChannelType;
import org.byon.gateway.channel.EventType;
import org.byon.gateway.channel.NotificationPaths;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.Ids;
import org.byon.gateway.common.KeyedLists;
import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.network.Binding;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkRefusal;
import org.byon.gateway.network.NetworkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations of web endpoints (RACM sessions): expiry clamped to [min, max], ended also when the access
 * token that created or last refreshed them expires; a per-subscriber limit; one registration per deviceId.
 * Ending for any reason tells the listeners (voice releases the device's calls) and publishes
 * {@code registration-ends} on the registration's channel. Thread-safe.
 */
public class RacmService implements ChannelEndListener {
    private static final Logger log = LoggerFactory.getLogger(RacmService.class);

    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    /** The live registrations by phone number and by channel (each in creation order), kept with the map. */
    private final KeyedLists<String, Registration> bySubscriber = new KeyedLists<>();
    private final KeyedLists<String, Registration> byChannel = new KeyedLists<>();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    private final ChannelService channels;
    private final ImsNetwork network;
    private final NetworkScheduler scheduler;
    private final Visibility visibility;
    private final Clock clock;
    private final Duration minExpiry;
    private final Duration maxExpiry;
    private final Duration defaultExpiry;
    private final int maxPerSubscriber;
    private volatile Duration disconnectGrace;

    public RacmService(ChannelService channels, ImsNetwork network, NetworkScheduler scheduler, Visibility visibility,
                       Clock clock, Duration minExpiry, Duration maxExpiry, Duration defaultExpiry,
                       int maxPerSubscriber) {
        this.channels = channels;
        this.network = network;
        this.scheduler = scheduler;
        this.visibility = visibility;
        this.clock = clock;
        this.minExpiry = minExpiry;
        this.maxExpiry = maxExpiry;
        this.defaultExpiry = defaultExpiry;
        this.maxPerSubscriber = maxPerSubscriber;
        channels.addEndListener(this);
    }

    public void addListener(RegistrationListener listener) {
        listeners.add(listener);
    }

    /**
     * Registrations created from now on whose channel is a WebSocket channel end with CHANNEL_DISCONNECTED after
     * that channel stayed disconnected this long ({@link DisconnectGrace} applies the rule); null: no such rule.
     */
    public void disconnectGrace(Duration grace) {
        disconnectGrace = grace;
    }

    public Registration create(Owner caller, UUID deviceId, String channelId, Instant requestedExpiry,
                               Instant tokenExpiresAt) {
        if (deviceId == null) {
            throw ByonException.invalid("deviceId is required");
        }
        if (channelId == null || channelId.isBlank()) {
            throw ByonException.invalid("channelId is required");
        }
        Optional<Channel> channel = channels.owned(caller, channelId);
        if (channel.isEmpty()) {
            throw new ByonException(ErrorCode.UNKNOWN_CHANNEL,
                    "channel " + channelId + " is not a notification channel of the caller");
        }
        Duration grace = channel.get().type() == ChannelType.WEBSOCKET ? disconnectGrace : null;
        Registration[] created = new Registration[1];
        // the limit and the deviceId check are one decision per subscriber (under its key's lock), over its own
        // registrations only
        bySubscriber.update(caller.phoneNumber(), live -> {
            int count = 0;
            for (Registration existing : live) {
                if (existing.ended()) {
                    continue;
                }
                if (existing.deviceId().equals(deviceId)) {
                    throw new ByonException(ErrorCode.ALREADY_EXISTS,
                            "device " + deviceId + " is already registered (" + existing.id() + ")");
                }
                count++;
            }
            if (count >= maxPerSubscriber) {
                throw new ByonException(ErrorCode.MAX_REGISTRATION_PER_USER,
                        "the subscriber already has " + count + " registrations (the maximum)");
            }
            Instant now = clock.instant();
            Registration made = new Registration(Ids.newId("racm"), deviceId, channelId, caller, now,
                    expiry(requestedExpiry, now), tokenExpiresAt);
            made.disconnectGrace(grace);
            registrations.put(made.id(), made);
            byChannel.add(channelId, made);
            created[0] = made;
            return KeyedLists.appended(live, made);
        });
        Registration r = created[0];
        try {
            network.register(binding(r));
        } catch (NetworkRefusal e) {
            r.markEnded();
            forget(r);
            throw refused(e);
        }
        schedule(r);
        if (channels.owned(caller, channelId).isEmpty()) { // the channel ended meanwhile
            end(r, RegistrationEndReason.DELETED);
            throw new ByonException(ErrorCode.UNKNOWN_CHANNEL, "channel " + channelId + " has ended");
        }
        return r;
    }

    public Registration get(Owner caller, String id) {
        Registration r = registrations.get(id);
        if (r == null || r.ended() || !visibility.reaches(caller, r.owner())) {
            throw ByonException.notFound("RACM session", id);
        }
        return r;
    }

    /** The caller's registration, or empty. */
    public Optional<Registration> owned(Owner caller, String id) {
        Registration r = id == null ? null : registrations.get(id);
        return r == null || r.ended() || !r.owner().equals(caller) ? Optional.empty() : Optional.of(r);
    }

    /**
     * Refreshes a registration with the request's own access token: the same subscriber extends it (token
     * expiry, and the requested or else the default expiry); another subscriber's token answers 403
     * INVALID_TOKEN_CONTEXT.
     */
    public Registration update(Owner caller, String id, Instant requestedExpiry, Instant tokenExpiresAt) {
        Registration r = registrations.get(id);
        if (r == null || r.ended()
                || !(visibility.reaches(caller, r.owner()) || r.owner().client().equals(caller.client()))) {
            throw ByonException.notFound("RACM session", id);
        }
        if (!visibility.reaches(caller, r.owner())) {
            throw new ByonException(ErrorCode.INVALID_TOKEN_CONTEXT,
                    "the access token belongs to another subscriber than the RACM session");
        }
        synchronized (r) {
            if (r.ended()) {
                throw ByonException.notFound("RACM session", id);
            }
            Instant now = clock.instant();
            if (tokenExpiresAt != null) {
                r.tokenExpiresAt(tokenExpiresAt);
            }
            // a refresh is a new SIP REGISTER: the requested expiry, else the default one (clamped)
            r.expiresAt(expiry(requestedExpiry, now));
        }
        try {
            network.refresh(binding(r));
        } catch (NetworkRefusal e) { // the network no longer has the binding
            end(r, RegistrationEndReason.NETWORK_TERMINATED);
            throw refused(e);
        }
        schedule(r);
        return r;
    }

    public void delete(Owner caller, String id) {
        Registration r = get(caller, id);
        if (!end(r, RegistrationEndReason.DELETED)) {
            throw ByonException.notFound("RACM session", id);
        }
    }

    /** The live registrations of a subscriber (the web endpoints an incoming call forks to), oldest first. */
    public List<Registration> registrationsOf(String phoneNumber) {
        List<Registration> out = new ArrayList<>();
        for (Registration r : bySubscriber.get(phoneNumber)) {
            if (!r.ended()) {
                out.add(r);
            }
        }
        out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return out;
    }

    /** Ends the live registrations on a channel that are subject to the disconnection rule; returns how many. */
    public int endDisconnected(String channelId) {
        int n = 0;
        for (Registration r : byChannel.get(channelId)) {
            if (r.disconnectGrace() != null && end(r, RegistrationEndReason.CHANNEL_DISCONNECTED)) {
                n++;
            }
        }
        return n;
    }

    public Optional<Registration> find(String id) {
        return Optional.ofNullable(id == null ? null : registrations.get(id));
    }

    public int size() {
        return registrations.size();
    }

    private static Binding binding(Registration r) {
        return new Binding(r.id(), r.phoneNumber(), r.deviceId(), r.expiresAt());
    }

    /**
     * The API error for a REGISTER the network refused (403 PERMISSION_DENIED, naming the SIP response) or left
     * unanswered (503 UNAVAILABLE): never a stack trace.
     */
    private static ByonException refused(NetworkRefusal e) {
        if (e.unanswered()) {
            return new ByonException(ErrorCode.UNAVAILABLE, "the IMS network did not answer the registration");
        }
        return new ByonException(ErrorCode.PERMISSION_DENIED, "the IMS network refused the registration: "
                + e.getMessage());
    }

    private Instant expiry(Instant requested, Instant now) {
        if (requested != null && !requested.isAfter(now)) {
            throw new ByonException(ErrorCode.OUT_OF_RANGE, "registrationExpireTime must be in the future");
        }
        Duration d = requested == null ? defaultExpiry : Duration.between(now, requested);
        if (d.compareTo(minExpiry) < 0) {
            d = minExpiry;
        }
        if (d.compareTo(maxExpiry) > 0) {
            d = maxExpiry;
        }
        return now.plus(d);
    }

    private void schedule(Registration r) {
        synchronized (r) {
            if (r.ended()) {
                return;
            }
            if (r.timer != null) {
                r.timer.cancel(false);
            }
            Instant token = r.tokenExpiresAt();
            boolean tokenFirst = token != null && token.isBefore(r.expiresAt());
            Instant at = tokenFirst ? token : r.expiresAt();
            r.timer = scheduler.schedule(Duration.between(clock.instant(), at), () -> expire(r));
        }
    }

    private void expire(Registration r) {
        Instant now = clock.instant().plusMillis(5);
        Instant token = r.tokenExpiresAt();
        if (token != null && !token.isAfter(now) && token.isBefore(r.expiresAt())) {
            end(r, RegistrationEndReason.ACCESS_TOKEN_EXPIRED);
        } else if (!r.expiresAt().isAfter(now)) {
            end(r, RegistrationEndReason.REGISTRATION_EXPIRED);
        } else if (token != null && !token.isAfter(now)) {
            end(r, RegistrationEndReason.ACCESS_TOKEN_EXPIRED);
        } else {
            schedule(r); // extended meanwhile
        }
    }

    /** Ends a registration; idempotent (false if it had already ended). */
    public boolean end(Registration r, RegistrationEndReason reason) {
        synchronized (r) {
            if (r.ended()) {
                return false;
            }
            r.markEnded();
            if (r.timer != null) {
                r.timer.cancel(false);
            }
        }
        forget(r);
        for (RegistrationListener l : listeners) {
            try {
                l.registrationEnding(r, reason);
            } catch (RuntimeException e) {
                log.error("registration listener failed", e);
            }
        }
        if (reason != RegistrationEndReason.NETWORK_TERMINATED) {
            network.deregister(binding(r));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("racmSessionId", r.id());
        data.put("terminationReason", reason.name());
        channels.publish(r.channelId(), new ChannelEvent(EventType.REGISTRATION_ENDS,
                NotificationPaths.racmSource(r.id()), data));
        log.debug("registration {} ended: {}", r.id(), reason);
        return true;
    }

    /** A channel is ending: its registrations end with DELETED (byon.yaml; their events still reach it). */
    @Override
    public void channelEnding(Channel channel, ChannelEndReason reason) {
        for (Registration r : byChannel.get(channel.id())) {
            end(r, RegistrationEndReason.DELETED);
        }
    }

    /** Removes an ended registration from the map and both indexes. */
    private void forget(Registration r) {
        registrations.remove(r.id(), r);
        bySubscriber.remove(r.phoneNumber(), r);
        byChannel.remove(r.channelId(), r);
    }
}
