package org.byon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Scenario 1: the same request mix against one peer with a fixed number of workers, each looping
 * POST /channels (WebSocket) -> GET it -> DELETE it -> GET a missing id (404). A warm-up phase (not recorded)
 * precedes the measured phase; both are bounded in time and in iterations.
 */
final class Throughput {
    static final String[] OPS = {"POST /channels", "GET /channels/{id}", "DELETE /channels/{id}", "GET missing (404)"};

    private Throughput() {
    }

    static final class Worker implements Runnable {
        final Api api;
        final String token;
        final boolean prism;
        final long endNanos;
        final long maxIterations;
        final Histogram all = Stats.histogram();
        final Histogram[] perOp = {Stats.histogram(), Stats.histogram(), Stats.histogram(), Stats.histogram()};
        long requests;
        long errors;
        String firstError;

        Worker(Api api, String token, boolean prism, long endNanos, long maxIterations) {
            this.api = api;
            this.token = token;
            this.prism = prism;
            this.endNanos = endNanos;
            this.maxIterations = maxIterations;
        }

        @Override
        public void run() {
            for (long it = 0; it < maxIterations && System.nanoTime() < endNanos; it++) {
                try {
                    Api.Resp created = timed(0, "POST", "/channels", "{\"channelType\":\"WebSocket\"}", 201);
                    if (created == null) {
                        continue;
                    }
                    String id = created.json().path("channelId").asText();
                    timed(1, "GET", "/channels/" + id, null, 200);
                    timed(2, "DELETE", "/channels/" + id, null, 204);
                    timed(3, "GET", "/channels/ch-missing-" + (it % 1000), null, 404);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    error(e.toString());
                }
            }
        }

        private Api.Resp timed(int op, String method, String path, String body, int expected) throws Exception {
            String[] headers = prism && expected == 404 ? new String[]{"Prefer", "code=404"} : new String[0];
            long t0 = System.nanoTime();
            Api.Resp r;
            try {
                r = api.send(method, path, token, body, headers);
            } catch (java.io.IOException e) {
                requests++;
                error(method + " " + path + ": " + e);
                return null;
            }
            long dt = System.nanoTime() - t0;
            requests++;
            all.recordValue(dt);
            perOp[op].recordValue(dt);
            if (r.status() != expected) {
                error(method + " " + path + ": expected " + expected + ", got " + r.status() + " " + r.body());
                return null;
            }
            return r;
        }

        private void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }
    }

    static List<Worker> phase(Api api, String token, boolean prism, int concurrency, double seconds, long maxIterations)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Worker w = new Worker(api, token, prism, end, maxIterations);
            workers.add(w);
            Thread t = new Thread(w, "load-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join((long) (seconds * 1000) + 30_000); // bounded: a request times out after 10 s
        }
        return workers;
    }

    /** CPU time (user + system) of a process, or null if unknown. */
    static java.time.Duration cpu(long pid) {
        if (pid <= 0) {
            return null;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(null);
    }

    static void run(Args a) throws Exception {
        String name = a.req("name");
        Api api = new Api(a.req("base"));
        String token = a.str("bearer", null);
        if (token == null) {
            String[] client = a.str("client", "alice:alice-secret").split(":", 2);
            token = api.token(a.req("token-url"), client[0], client[1]);
        }
        boolean prism = a.flag("prism");
        int concurrency = a.integer("concurrency", 16);
        double warmup = a.dbl("warmup", 10);
        double duration = a.dbl("duration", 20);
        long maxIterations = a.integer("max-iterations", 5_000_000);

        System.err.printf("[throughput %s] warm-up %.0f s, %d workers%n", name, warmup, concurrency);
        List<Worker> w0 = phase(api, token, prism, concurrency, warmup, maxIterations);
        long warmErrors = w0.stream().mapToLong(w -> w.errors).sum();
        System.err.printf("[throughput %s] measuring %.0f s%n", name, duration);
        long peerPid = Long.parseLong(a.str("peer-pid", "-1"));
        java.time.Duration peerCpu0 = cpu(peerPid);
        java.time.Duration driverCpu0 = cpu(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        List<Worker> ws = phase(api, token, prism, concurrency, duration, maxIterations);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        java.time.Duration peerCpu1 = cpu(peerPid);
        java.time.Duration driverCpu1 = cpu(ProcessHandle.current().pid());

        Histogram all = Stats.histogram();
        Histogram[] perOp = {Stats.histogram(), Stats.histogram(), Stats.histogram(), Stats.histogram()};
        long requests = 0;
        long errors = 0;
        String firstError = null;
        for (Worker w : ws) {
            all.add(w.all);
            for (int i = 0; i < OPS.length; i++) {
                perOp[i].add(w.perOp[i]);
            }
            requests += w.requests;
            errors += w.errors;
            if (firstError == null) {
                firstError = w.firstError;
            }
        }
        if (firstError == null) {
            firstError = w0.stream().map(w -> w.firstError).filter(e -> e != null).findFirst().orElse(null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "throughput");
        out.put("peer", name);
        out.put("concurrency", concurrency);
        out.put("warmup_s", warmup);
        out.put("duration_s", Math.round(elapsed * 100) / 100.0);
        out.put("requests", requests);
        out.put("errors", errors);
        out.put("warmup_errors", warmErrors);
        out.put("req_per_s", Math.round(requests / elapsed * 10) / 10.0);
        out.put("latency", Stats.summary(all));
        if (peerCpu0 != null && peerCpu1 != null && requests > 0) {
            double peerS = (peerCpu1.toNanos() - peerCpu0.toNanos()) / 1e9;
            out.put("peer_cpu_s", Math.round(peerS * 100) / 100.0);
            out.put("peer_cpu_us_per_request", Math.round(peerS * 1e6 / requests * 10) / 10.0);
            out.put("peer_cores_busy", Math.round(peerS / elapsed * 100) / 100.0);
        }
        if (driverCpu0 != null && driverCpu1 != null) {
            double driverS = (driverCpu1.toNanos() - driverCpu0.toNanos()) / 1e9;
            out.put("driver_cpu_s", Math.round(driverS * 100) / 100.0);
        }
        Map<String, Object> ops = new LinkedHashMap<>();
        for (int i = 0; i < OPS.length; i++) {
            ops.put(OPS[i], Stats.summary(perOp[i]));
        }
        out.put("per_operation", ops);
        if (firstError != null) {
            out.put("first_error", firstError.length() > 500 ? firstError.substring(0, 500) : firstError);
        }
        Results.write(Path.of(a.req("out")), out);
        System.err.printf("[throughput %s] %.1f req/s, p50 %s ms, p99 %s ms, errors %d, peer CPU %s us/req%n", name,
                requests / elapsed, Stats.summary(all).get("p50_ms"), Stats.summary(all).get("p99_ms"), errors,
                out.get("peer_cpu_us_per_request"));
    }
}
