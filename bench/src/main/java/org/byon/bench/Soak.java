package org.byon.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 6 (soak and storms, opt-in): for {@code --duration} seconds, N pairs place complete calls (the call-flow
 * loop) while the callee reconnects its WebSocket with {@code lastSequence} every few calls, a channel is created
 * with a 5 s expiry and its {@code channel-ends} awaited over and over, and a storm thread sends malformed
 * requests. Before and after: the gateway's heap after a full GC and its thread count ({@code jcmd}), the live
 * calls the simulator reports. Afterwards: events lost or duplicated across every reconnect (per-channel
 * {@code sequence}), 5xx answers to the storm, expiries seen.
 */
final class Soak {
    private Soak() {
    }

    static void run(Args a) throws Exception {
        Gateway gw = new Gateway(a);
        int pairs = a.integer("pairs", 4);
        double duration = a.dbl("duration", 600);
        long pid = Long.parseLong(a.str("peer-pid", "-1"));
        String simulatorKey = a.str("simulator-key", "");
        int[] subs = new int[2 * pairs];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = Subscribers.CALLFLOW_BASE + i;
        }
        List<String> errors = new ArrayList<>();
        List<Endpoint> eps = gw.establish(subs, true, Math.min(8, subs.length), 60, errors);
        if (eps.size() != subs.length) {
            throw new IllegalStateException("set-up failed: " + errors);
        }
        Map<Integer, Endpoint> bySub = new LinkedHashMap<>();
        eps.forEach(e -> bySub.put(e.subscriber, e));
        long[] before = jvm(pid);
        System.err.printf("[soak] %d pairs, %.0f s; gateway heap after GC %d KiB, %d threads%n", pairs, duration,
                before[0], before[1]);

        long end = System.nanoTime() + (long) (duration * 1e9);
        AtomicLong reconnects = new AtomicLong();
        List<CallFlow.Pair> ps = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Endpoint caller = bySub.get(subs[2 * i]);
            Endpoint callee = bySub.get(subs[2 * i + 1]);
            CallFlow.Pair p = new CallFlow.Pair(gw.api, caller, callee, System.nanoTime(), end, Long.MAX_VALUE, 10) {
                private long n;

                @Override
                void afterCall() {
                    if (++n % 5 == 0) {
                        try {
                            callee.reconnect(gw.wsClient);
                            reconnects.incrementAndGet();
                        } catch (Exception e) {
                            throw new IllegalStateException("reconnect failed: " + e, e);
                        }
                    }
                }
            };
            ps.add(p);
            threads.add(new Thread(p, "soak-pair-" + i));
        }
        long[] expiry = {0, 0};
        List<String> missed = java.util.Collections.synchronizedList(new ArrayList<>());
        threads.add(new Thread(() -> expiries(gw, subs[0], end, expiry, missed), "soak-expiry"));
        long[] storm = {0, 0};
        threads.add(new Thread(() -> storm(gw.api, gw, subs[1], end, storm), "soak-storm"));
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
        for (Thread t : threads) {
            t.join((long) (duration * 1000) + 60_000);
        }
        long calls = ps.stream().mapToLong(p -> p.completed).sum();
        long callErrors = ps.stream().mapToLong(p -> p.errors).sum();
        String firstError = ps.stream().map(p -> p.firstError).filter(e -> e != null).findFirst().orElse(null);
        long lost = eps.stream().mapToLong(Endpoint::lostEvents).sum();
        long dups = eps.stream().mapToLong(Endpoint::duplicateEvents).sum();
        eps.forEach(Endpoint::close);
        for (Endpoint e : eps) {
            gw.api.send("DELETE", "/channels/" + e.channelId, e.token, null);
        }
        Thread.sleep(2_000);
        long[] after = jvm(pid);
        int liveCalls = simulatorKey.isEmpty() ? -1 : liveCalls(gw.api.base, simulatorKey);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", "soak");
        r.put("status", calls > 0 && lost == 0 && dups == 0 && storm[1] == 0 ? "ok" : "failed");
        r.put("duration_s", duration);
        r.put("pairs", pairs);
        r.put("calls_completed", calls);
        r.put("call_errors", callErrors);
        r.put("first_call_error", firstError);
        r.put("call_error_details", ps.stream().flatMap(p -> p.failures.stream()).toList());
        r.put("reconnects_with_lastSequence", reconnects.get());
        r.put("events_lost", lost);
        r.put("events_duplicated", dups);
        r.put("channel_expiries_seen", expiry[0]);
        r.put("channel_expiries_missed", expiry[1]);
        r.put("channel_expiry_miss_details", missed);
        r.put("malformed_requests", storm[0]);
        r.put("malformed_5xx", storm[1]);
        r.put("heap_after_gc_kib_before", before[0]);
        r.put("heap_after_gc_kib_after", after[0]);
        r.put("threads_before", before[1]);
        r.put("threads_after", after[1]);
        r.put("live_calls_after", liveCalls);
        r.put("finished_at", Instant.now().toString());
        System.err.println("[soak] " + r);
        Results.write(Path.of(a.req("out")), r);
    }

    /** Creates a channel that expires in 5 s, connects, waits for its channel-ends (bounded), again and again. */
    private static void expiries(Gateway gw, int subscriber, long end, long[] counts, List<String> missed) {
        while (System.nanoTime() < end - 10_000_000_000L) {
            try {
                Endpoint e = new Endpoint(subscriber, gw.token(subscriber), true);
                String body = "{\"channelType\":\"WebSocket\",\"requestedExpiresAt\":\"" + Instant.now().plusSeconds(5) + "\"}";
                var ch = gw.api.send("POST", "/channels", e.token, body).expect(201, "short channel").json();
                e.channelUrl = ch.path("channelData").path("channelURL").asText();
                e.reconnect(gw.wsClient);
                var ends = e.await(j -> j.path("type").asText().endsWith(".channel-ends"),
                        System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
                counts[ends != null ? 0 : 1]++;
                if (ends == null && missed.size() < 20) {
                    missed.add(Instant.now() + " no channel-ends within 20 s; socket open=" + e.open + " close="
                            + e.closeCode + ", frames " + e.framesReceived);
                }
                e.close();
            } catch (Exception ex) {
                counts[1]++;
                if (missed.size() < 20) {
                    missed.add(Instant.now() + " " + ex);
                }
            }
        }
    }

    /** Malformed requests (garbage ids, bad JSON, wrong types, bad tokens) at about 20 a second; counts 5xx. */
    private static void storm(Api api, Gateway gw, int subscriber, long end, long[] counts) {
        java.util.Random random = new java.util.Random(42);
        String[] bodies = {"{", "[]", "{\"channelType\":1}", "{\"channelType\":\"WebSocket\",\"requestedExpiresAt\":-1}",
            "{\"racmSessionId\":\"x\",\"receiverAddress\":5}", "null", "\"\"", "{\"a\":{\"a\":{\"a\":[[[[[]]]]]}}}"};
        String[] paths = {"/channels", "/racm/sessions", "/voice/sessions", "/channels/%00", "/voice/sessions/x/status",
            "/racm/sessions/" + "a".repeat(3000)};
        while (System.nanoTime() < end) {
            try {
                String token = random.nextInt(4) == 0 ? "garbage" : gw.token(subscriber);
                String method = random.nextBoolean() ? "POST" : "PUT";
                Api.Resp r = api.send(method, paths[random.nextInt(paths.length)], token, bodies[random.nextInt(bodies.length)]);
                counts[0]++;
                if (r.status() >= 500) {
                    counts[1]++;
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                counts[0]++;
            }
        }
    }

    /** The simulator's count of live calls (it must be 0 once every channel is gone). */
    private static int liveCalls(String apiBase, String key) throws Exception {
        java.net.URI calls = java.net.URI.create(apiBase).resolve("/simulator/v1/calls");
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(calls)
                .header("X-Simulator-Key", key).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Api.JSON.readTree(r.body()).size() : -1;
    }

    /** {heap used after a full GC in KiB, live threads} of the gateway process, or -1s without jcmd or pid. */
    static long[] jvm(long pid) {
        if (pid <= 0) {
            return new long[] {-1, -1};
        }
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            String heap = run("jcmd", Long.toString(pid), "GC.heap_info");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(heap);
            long used = m.find() ? Long.parseLong(m.group(1)) : -1;
            long threads = run("jcmd", Long.toString(pid), "Thread.print").lines().filter(l -> l.startsWith("\"")).count();
            return new long[] {used, threads};
        } catch (IOException | InterruptedException e) {
            return new long[] {-1, -1};
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
