package org.byon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Scenario 3: fan-out latency. The gateway holds {@code idle} registered endpoints (each with an open WebSocket)
 * that take no part; subscriber B has {@code fork} endpoints. Calls from A to B are placed one at a time; for
 * each, the time from just before A's POST /voice/sessions to the arrival of the session-invitation frame on
 * each of B's WebSockets is one sample. Each call is then cancelled by A and every leg's terminal event awaited.
 */
final class FanOut {
    private FanOut() {
    }

    static void run(Args a) throws Exception {
        Gateway gw = new Gateway(a);
        int idle = a.integer("idle", 1000);
        int fork = a.integer("fork", 5);
        // the idle endpoints spread over at most 90 subscribers (100 each up to 9,000; more each beyond)
        int perSub = a.integer("per-subscriber", Math.max(100, (a.integer("idle", 1000) + 89) / 90));
        double warmup = a.dbl("warmup", 10);
        int calls = a.integer("calls", 300);
        double budget = a.dbl("max-seconds", 120);
        double stepTimeout = a.dbl("step-timeout", 5);

        int caller = Subscribers.FANOUT_BASE;
        int callee = Subscribers.FANOUT_BASE + 1;
        int idleBase = Subscribers.FANOUT_BASE + 10;
        if ((idle + perSub - 1) / perSub > 90) {
            throw new IllegalArgumentException("too many idle endpoints for the fan-out subscriber range");
        }
        int[] idleSubs = new int[idle];
        for (int i = 0; i < idle; i++) {
            idleSubs[i] = idleBase + i / perSub;
        }
        List<String> errs = new ArrayList<>();
        long s0 = System.nanoTime();
        List<Endpoint> idleEps = gw.establish(idleSubs, false, 8, 180, errs);
        double idleSetup = (System.nanoTime() - s0) / 1e9;
        int[] active = new int[fork + 1];
        active[0] = caller;
        for (int i = 1; i <= fork; i++) {
            active[i] = callee;
        }
        List<Endpoint> act = gw.establish(active, true, 4, 60, errs);
        if (act.size() != active.length || idleEps.size() != idle) {
            throw new IllegalStateException("set-up failed (" + idleEps.size() + "/" + idle + " idle, " + act.size()
                    + "/" + active.length + " active): " + errs);
        }
        Endpoint a0 = act.stream().filter(e -> e.subscriber == caller).findFirst().orElseThrow();
        List<Endpoint> bs = act.stream().filter(e -> e.subscriber == callee).toList();
        System.err.printf("[fanout] %d idle endpoints in %.2f s; B has %d endpoints; warm-up %.0f s, %d calls%n", idle,
                idleSetup, bs.size(), warmup, calls);

        Histogram each = Stats.histogram();
        Histogram last = Stats.histogram();
        long errors = 0;
        String firstError = null;
        long hardEnd = System.nanoTime() + (long) (budget * 1e9);
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        int measuredCalls = 0;
        int warmCalls = 0;
        for (int n = 0; n < 1_000_000 && System.nanoTime() < hardEnd; n++) {
            boolean warming = System.nanoTime() < warmEnd;
            if (!warming && measuredCalls >= calls) {
                break;
            }
            String vA = null;
            try {
                a0.drain();
                bs.forEach(Endpoint::drain);
                long t0 = System.nanoTime();
                long deadline = t0 + (long) (stepTimeout * 1e9);
                vA = gw.api.call(a0.token, a0.racmSessionId, bs.get(0).phone()).path("voiceSessionId").asText();
                List<String> legs = new ArrayList<>();
                long[] lat = new long[bs.size()];
                for (int i = 0; i < bs.size(); i++) {
                    Endpoint.Frame f = bs.get(i).await(Endpoint.invitation(), deadline);
                    if (f == null) {
                        throw new IllegalStateException("no session-invitation on B endpoint " + i);
                    }
                    lat[i] = f.nanos() - t0;
                    legs.add(f.json().path("data").path("voiceSessionId").asText());
                }
                gw.api.hangUp(a0.token, vA);
                String cancelled = vA;
                vA = null;
                for (int i = 0; i < bs.size(); i++) {
                    if (bs.get(i).await(Endpoint.terminal(legs.get(i)), deadline + (long) (stepTimeout * 1e9)) == null) {
                        throw new IllegalStateException("no terminal status on B endpoint " + i);
                    }
                }
                if (a0.await(Endpoint.terminal(cancelled), deadline + (long) (stepTimeout * 1e9)) == null) {
                    throw new IllegalStateException("no terminal status on A");
                }
                if (warming) {
                    warmCalls++;
                } else {
                    measuredCalls++;
                    long max = 0;
                    for (long l : lat) {
                        each.recordValue(l);
                        max = Math.max(max, l);
                    }
                    last.recordValue(max);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (!warming) {
                    errors++;
                }
                if (firstError == null) {
                    firstError = e.toString();
                }
                if (vA != null) {
                    try {
                        gw.api.send("DELETE", "/voice/sessions/" + vA, a0.token, null);
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
                Thread.sleep(200);
            }
        }
        long idleOpen = idleEps.stream().filter(e -> e.open).count();
        long idleFrames = idleEps.stream().mapToLong(e -> e.framesReceived).sum();
        idleEps.forEach(Endpoint::close);
        act.forEach(Endpoint::close);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "fanout");
        out.put("idle_endpoints", idle);
        out.put("idle_endpoints_open_at_end", idleOpen);
        out.put("idle_frames_received", idleFrames);
        out.put("idle_setup_s", Math.round(idleSetup * 100) / 100.0);
        out.put("callee_endpoints", bs.size());
        out.put("warmup_calls", warmCalls);
        out.put("calls", measuredCalls);
        out.put("errors", errors);
        out.put("post_to_invitation_each", Stats.summary(each));
        out.put("post_to_invitation_last_endpoint", Stats.summary(last));
        if (firstError != null) {
            out.put("first_error", firstError);
        }
        Results.write(Path.of(a.req("out")), out);
        System.err.printf("[fanout] %d calls x %d endpoints: p50 %s ms, p99 %s ms, max %s ms, errors %d%n",
                measuredCalls, bs.size(), Stats.summary(each).get("p50_ms"), Stats.summary(each).get("p99_ms"),
                Stats.summary(each).get("max_ms"), errors);
    }
}
