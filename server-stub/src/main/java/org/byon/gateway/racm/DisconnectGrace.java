package org.byon.gateway.racm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelPresenceListener;
import org.byon.gateway.network.NetworkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing the browser ends the registration (byon.yaml, tag RACM; docs/gateway.md, "Disconnection grace period"):
 * when a WebSocket channel that had been connected stays disconnected longer than the grace period, its
 * registrations end with {@code CHANNEL_DISCONNECTED} (their calls are released as on a delete, and incoming calls
 * no longer fork to them). A reconnect within the period (a page reload, a network change) keeps them.
 * <p>
 * Time comes from the injected clock: a disconnection is overdue when {@code clock} has passed its start plus the
 * grace period. The scheduler only triggers {@link #sweep()} at that moment; a test advances the clock and sweeps.
 * Thread-safe.
 */
public class DisconnectGrace implements ChannelPresenceListener {
    private static final Logger log = LoggerFactory.getLogger(DisconnectGrace.class);

    private final RacmService racm;
    private final NetworkScheduler scheduler;
    private final Clock clock;
    private final Duration grace;
    private final Map<String, Instant> disconnectedSince = new ConcurrentHashMap<>();

    public DisconnectGrace(RacmService racm, NetworkScheduler scheduler, Clock clock, Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the disconnection grace period must be positive: " + grace);
        }
        this.racm = racm;
        this.scheduler = scheduler;
        this.clock = clock;
        this.grace = grace;
    }

    public Duration grace() {
        return grace;
    }

    @Override
    public void connected(Channel channel) {
        disconnectedSince.remove(channel.id());
    }

    @Override
    public void disconnected(Channel channel) {
        disconnectedSince.put(channel.id(), clock.instant());
        scheduler.schedule(grace, this::sweep);
    }

    /**
     * Ends the registrations of every channel disconnected for at least the grace period (by the clock); returns
     * how many ended.
     */
    public int sweep() {
        Instant now = clock.instant();
        int ended = 0;
        for (Map.Entry<String, Instant> e : disconnectedSince.entrySet()) {
            if (!e.getValue().plus(grace).isAfter(now) && disconnectedSince.remove(e.getKey(), e.getValue())) {
                int n = racm.endDisconnected(e.getKey());
                if (n > 0) {
                    log.debug("channel {} disconnected since {}: {} registration(s) ended", e.getKey(), e.getValue(), n);
                }
                ended += n;
            }
        }
        return ended;
    }
}
