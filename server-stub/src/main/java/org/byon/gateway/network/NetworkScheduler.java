package org.byon.gateway.network;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's clock: ring timers, far-end answer delays, registration and channel expiry. One small
 * pool of platform threads (no virtual threads on Java 17); tasks must not block. Thread-safe.
 */
public class NetworkScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkScheduler.class);
    private final ScheduledThreadPoolExecutor executor;

    public NetworkScheduler(int threads) {
        AtomicInteger n = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "byon-network-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return executor.schedule(guard(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    public void execute(Runnable task) {
        executor.execute(guard(task));
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("network task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
