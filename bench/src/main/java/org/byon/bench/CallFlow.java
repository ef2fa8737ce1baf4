package org.byon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Scenario 2: complete A->B calls per second with N concurrent pairs. Each pair registers once (channel,
 * WebSocket, RACM session for A and for B), then loops: A POST /voice/sessions -> session-invitation on B's
 * WebSocket -> B PUT status Connected with an answer SDP -> Connected on A's WebSocket -> A DELETE (hang up) ->
 * Terminated on B's WebSocket (B is free again). Warm-up, then a measured phase; every wait is bounded.
 */
final class CallFlow {
    private CallFlow() {
    }

    static class Pair implements Runnable {
        final Api api;
        final Endpoint a;
        final Endpoint b;
        final long warmEnd;
        final long measureEnd;
        final long maxCalls;
        final double stepTimeoutS;
        final Histogram cycle = Stats.histogram();
        final Histogram invite = Stats.histogram();
        long completed;
        long errors;
        String firstError;
        /** per failed call (at most 20): the step, how late the awaited event came if it came at all, both sockets' state */
        final List<String> failures = new ArrayList<>();

        Pair(Api api, Endpoint a, Endpoint b, long warmEnd, long measureEnd, long maxCalls, double stepTimeoutS) {
            this.api = api;
            this.a = a;
            this.b = b;
            this.warmEnd = warmEnd;
            this.measureEnd = measureEnd;
            this.maxCalls = maxCalls;
            this.stepTimeoutS = stepTimeoutS;
        }

        /** Called after each completed call (the soak reconnects the callee here). */
        void afterCall() {
        }

        @Override
        public void run() {
            for (long n = 0; n < maxCalls && System.nanoTime() < measureEnd; n++) {
                boolean measured = System.nanoTime() >= warmEnd;
                String vA = null;
                try {
                    a.drain();
                    b.drain();
                    long t0 = System.nanoTime();
                    long deadline = t0 + (long) (stepTimeoutS * 1e9);
                    vA = api.call(a.token, a.racmSessionId, b.phone()).path("voiceSessionId").asText();
                    Endpoint.Frame inv = b.await(Endpoint.invitation(), deadline);
                    if (inv == null) {
                        throw new IllegalStateException("no session-invitation on B");
                    }
                    long tInv = inv.nanos();
                    String vB = inv.json().path("data").path("voiceSessionId").asText();
                    api.answer(b.token, vB);
                    if (a.await(Endpoint.status(vA, "Connected"), deadline) == null) {
                        throw new IllegalStateException("no Connected on A");
                    }
                    api.hangUp(a.token, vA);
                    vA = null;
                    long hungUp = System.nanoTime();
                    if (b.await(Endpoint.terminal(vB), deadline) == null) {
                        // diagnosis: does it come late, or never (30 s more)?
                        Endpoint.Frame late = b.await(Endpoint.terminal(vB), System.nanoTime() + 30_000_000_000L);
                        throw new IllegalStateException("no terminal status on B after hang-up (" + (late == null
                                ? "none within 30 s more" : "it came " + (late.nanos() - hungUp) / 1_000_000
                                + " ms after the hang-up") + "; call began " + (hungUp - t0) / 1_000_000
                                + " ms before the hang-up)");
                    }
                    afterCall();
                    long t1 = System.nanoTime();
                    if (measured && t1 <= measureEnd) {
                        completed++;
                        cycle.recordValue(t1 - t0);
                        invite.recordValue(tInv - t0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (measured) {
                        errors++;
                    }
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                    if (failures.size() < 20) {
                        failures.add(java.time.Instant.now() + " " + e.getMessage() + "; A socket open=" + a.open
                                + " close=" + a.closeCode + ", B socket open=" + b.open + " close=" + b.closeCode
                                + ", B last sequence " + b.lastSequence() + "; B's last frames: " + b.trace());
                    }
                    if (vA != null) {
                        try {
                            api.send("DELETE", "/voice/sessions/" + vA, a.token, null);
                        } catch (Exception ignored) {
                            // best effort
                        }
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    static void run(Args a) throws Exception {
        Gateway gw = new Gateway(a);
        int pairs = a.integer("pairs", 8);
        double warmup = a.dbl("warmup", 10);
        double duration = a.dbl("duration", 20);
        if (pairs > 50) {
            throw new IllegalArgumentException("at most 50 pairs (subscriber range of the call-flow scenario)");
        }
        int[] subs = new int[2 * pairs];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = Subscribers.CALLFLOW_BASE + i;
        }
        List<String> setupErrors = new ArrayList<>();
        long s0 = System.nanoTime();
        List<Endpoint> eps = gw.establish(subs, true, Math.min(8, subs.length), 60, setupErrors);
        double setupS = (System.nanoTime() - s0) / 1e9;
        if (eps.size() != subs.length) {
            throw new IllegalStateException("set-up failed: " + setupErrors);
        }
        Map<Integer, Endpoint> bySub = new LinkedHashMap<>();
        eps.forEach(e -> bySub.put(e.subscriber, e));

        System.err.printf("[callflow] %d pairs registered in %.2f s; warm-up %.0f s, measuring %.0f s%n", pairs,
                setupS, warmup, duration);
        long now = System.nanoTime();
        long warmEnd = now + (long) (warmup * 1e9);
        long measureEnd = warmEnd + (long) (duration * 1e9);
        List<Pair> ps = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Pair p = new Pair(gw.api, bySub.get(subs[2 * i]), bySub.get(subs[2 * i + 1]), warmEnd, measureEnd,
                    a.integer("max-calls", 1_000_000), a.dbl("step-timeout", 5));
            ps.add(p);
            Thread t = new Thread(p, "pair-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join((long) ((warmup + duration) * 1000) + 30_000);
        }
        Histogram cycle = Stats.histogram();
        Histogram invite = Stats.histogram();
        long completed = 0;
        long errors = 0;
        String firstError = null;
        for (Pair p : ps) {
            cycle.add(p.cycle);
            invite.add(p.invite);
            completed += p.completed;
            errors += p.errors;
            if (firstError == null) {
                firstError = p.firstError;
            }
        }
        eps.forEach(Endpoint::close);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "callflow");
        out.put("pairs", pairs);
        out.put("setup_s", Math.round(setupS * 100) / 100.0);
        out.put("warmup_s", warmup);
        out.put("duration_s", duration);
        out.put("calls", completed);
        out.put("errors", errors);
        out.put("calls_per_s", Math.round(completed / duration * 10) / 10.0);
        out.put("call_cycle", Stats.summary(cycle));
        out.put("post_to_invitation", Stats.summary(invite));
        if (firstError != null) {
            out.put("first_error", firstError);
        }
        Results.write(Path.of(a.req("out")), out);
        System.err.printf("[callflow] %.1f calls/s, cycle p50 %s ms p99 %s ms, errors %d%n", completed / duration,
                Stats.summary(cycle).get("p50_ms"), Stats.summary(cycle).get("p99_ms"), errors);
    }
}
