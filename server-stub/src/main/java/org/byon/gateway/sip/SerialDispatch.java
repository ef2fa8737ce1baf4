package org.byon.gateway.sip;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the network's events of one call (one Call-ID) in arrival order, off JAIN-SIP's listener thread, on a
 * small pool: events of different calls run in parallel, a call waiting for its lock never holds up the SIP
 * stack or another call. Thread-safe.
 */
final class SerialDispatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialDispatch.class);

    private final ExecutorService pool;
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();

    SerialDispatch(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "byon-sip-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void submit(String key, Runnable task) {
        synchronized (queues) {
            ArrayDeque<Runnable> q = queues.get(key);
            if (q != null) {
                q.add(task);
                return;
            }
            queues.put(key, new ArrayDeque<>());
        }
        pool.execute(() -> drain(key, task));
    }

    private void drain(String key, Runnable first) {
        Runnable task = first;
        while (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("SIP event of call {} failed: {}", key, e.toString());
            }
            synchronized (queues) {
                ArrayDeque<Runnable> q = queues.get(key);
                task = q == null ? null : q.poll();
                if (task == null) {
                    queues.remove(key);
                }
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
