package org.byon.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (Bucket4j), one per key: {@code burst} requests at once, refilled at {@code perSecond}.
 * {@code perSecond <= 0} switches the limit off. At most {@code maxKeys} buckets are kept (beyond it they all
 * start again full), so a flood of new keys cannot grow memory.
 */
public final class RateLimiter {
    private final long perSecond;
    private final long burst;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(long perSecond, long burst, int maxKeys) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
        this.maxKeys = maxKeys;
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    /** @return 0 when the request may go on, else the seconds to wait (at least 1) for the {@code Retry-After} */
    public long acquire(String key) {
        if (!enabled()) {
            return 0;
        }
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
            bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1))).build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
