package org.byon.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Shared set-up for the gateway-only scenarios: tokens per subscriber and endpoints established in parallel. */
final class Gateway {
    final Api api;
    final String tokenUrl;
    final HttpClient wsClient;
    /** establishing stops early after this many failed endpoints (e.g. a gateway out of memory) */
    static final int MAX_FAILURES = 20;
    private final Map<Integer, String> tokens = new HashMap<>();
    /** when known (> 0), establishing stops as soon as the gateway process is gone */
    long gatewayPid = -1;

    Gateway(Args a) {
        this.api = new Api(a.req("base"));
        this.tokenUrl = a.req("token-url");
        this.wsClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    synchronized String token(int subscriber) throws Exception {
        String t = tokens.get(subscriber);
        if (t == null) {
            t = api.token(tokenUrl, Subscribers.name(subscriber), Subscribers.secret(subscriber));
            tokens.put(subscriber, t);
        }
        return t;
    }

    /**
     * Establishes one endpoint per entry of {@code subscribers} with {@code parallelism} threads; bounded by
     * {@code timeoutSeconds} overall. Failures are counted, not thrown.
     */
    List<Endpoint> establish(int[] subscribers, boolean keepFrames, int parallelism, double timeoutSeconds,
                             List<String> errors) throws Exception {
        for (int s : subscribers) {
            token(s);
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        List<Future<Endpoint>> futures = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        for (int s : subscribers) {
            futures.add(pool.submit(() -> {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("establish time budget exhausted");
                }
                if (failures.get() >= MAX_FAILURES) {
                    throw new IllegalStateException("gave up after " + MAX_FAILURES + " failures");
                }
                if (gatewayPid > 0 && !ProcessHandle.of(gatewayPid).map(ProcessHandle::isAlive).orElse(false)) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("the gateway process " + gatewayPid + " has exited");
                }
                Endpoint e = new Endpoint(s, token(s), keepFrames);
                try {
                    e.establish(api, wsClient);
                } catch (Exception ex) {
                    failures.incrementAndGet();
                    e.close();
                    throw ex;
                }
                return e;
            }));
        }
        List<Endpoint> out = new ArrayList<>();
        for (Future<Endpoint> f : futures) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                out.add(f.get(left + TimeUnit.SECONDS.toNanos(20), TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                f.cancel(true);
                synchronized (errors) {
                    if (errors.size() < 20) {
                        errors.add(String.valueOf(e.getCause() != null ? e.getCause() : e));
                    } else if (errors.size() == 20) {
                        errors.add("...");
                    }
                }
            }
        }
        pool.shutdownNow();
        return out;
    }
}
