package org.byon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Merges the raw scenario results and the machine facts into results.json and results.md. */
final class Report {
    private Report() {
    }

    record Target(String what, String value, String verdict) {
    }

    static JsonNode raw(Path dir, String name) throws IOException {
        Path p = dir.resolve(name + ".json");
        return Files.isRegularFile(p) ? Api.JSON.readTree(p.toFile()) : null;
    }

    static String num(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "-";
        }
        if (n.isNumber()) {
            double d = n.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 1e12) {
                return Long.toString((long) d);
            }
            return String.format(Locale.ROOT, d >= 100 ? "%.0f" : d >= 10 ? "%.1f" : "%.2f", d);
        }
        return n.asText();
    }

    static Map<String, String> facts(Path file) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    f.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        f.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    f.put("memory", String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    f.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: leave out
        }
        f.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        f.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        f.putIfAbsent("driver_jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return f;
    }

    static void run(Args a) throws Exception {
        Path raw = Path.of(a.req("raw"));
        Path outDir = Path.of(a.req("out"));
        Map<String, String> facts = facts(a.str("facts", null) == null ? null : Path.of(a.str("facts", null)));

        JsonNode gw = raw(raw, "throughput-gateway");
        JsonNode prism = raw(raw, "throughput-prism");
        JsonNode wm = raw(raw, "throughput-wiremock");
        JsonNode cf = raw(raw, "callflow");
        JsonNode fo = raw(raw, "fanout");
        JsonNode scDefault = raw(raw, "scale-default");
        JsonNode sc256 = raw(raw, "scale-xmx256m");
        JsonNode build = raw(raw, "build");
        JsonNode suite = raw(raw, "suite");

        List<Target> targets = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("# BYON benchmark results\n\n");
        md.append("Produced by `bench/run.sh").append(facts.getOrDefault("mode", "full").equals("quick") ? " --quick" : "")
                .append("` on ").append(facts.getOrDefault("date", "?")).append(". See bench/README.md for how to read them.\n\n");
        md.append("| Fact | Value |\n|---|---|\n");
        for (Map.Entry<String, String> e : facts.entrySet()) {
            if (e.getKey().equals("note")) {
                continue; // printed under the targets
            }
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().replace("|", "\\|")).append(" |\n");
        }

        md.append("\n| Scenario | finished at (UTC) | load average at the end (1/5/15 min) |\n|---|---|---|\n");
        for (String n : new String[]{"throughput-gateway", "throughput-prism", "throughput-wiremock", "callflow",
                "fanout", "scale-default", "scale-xmx256m", "suite", "soak", "start", "build"}) {
            JsonNode r = raw(raw, n);
            if (r != null) {
                md.append("| ").append(n).append(" | ").append(r.path("measured_at").asText("?")).append(" | ")
                        .append(r.path("load_average_at_end").asText("?")).append(" |\n");
            }
        }

        // 1. throughput
        md.append("\n## 1. Throughput: the same request mix, the same driver\n\n");
        md.append("Mix per iteration: POST /channels (WebSocket) -> GET it -> DELETE it -> GET a missing id (404); ");
        if (gw != null) {
            md.append(num(gw.path("concurrency"))).append(" workers, warm-up ").append(num(gw.path("warmup_s")))
                    .append(" s, measured ").append(num(gw.path("duration_s"))).append(" s per peer.\n\n");
        } else {
            md.append("\n\n");
        }
        md.append("| Peer | req/s | p50 ms | p99 ms | errors | gateway req/s ÷ peer req/s | peer CPU µs/request | peer cores busy |\n|---|---|---|---|---|---|---|---|\n");
        double gwRate = gw == null ? Double.NaN : gw.path("req_per_s").asDouble();
        for (JsonNode t : new JsonNode[]{gw, prism, wm}) {
            if (t == null) {
                continue;
            }
            double rate = t.path("req_per_s").asDouble();
            String ratio = t == gw ? "-" : String.format(Locale.ROOT, "%.2f", gwRate / rate);
            md.append("| ").append(t.path("peer").asText()).append(" | ").append(num(t.path("req_per_s"))).append(" | ")
                    .append(num(t.path("latency").path("p50_ms"))).append(" | ")
                    .append(num(t.path("latency").path("p99_ms"))).append(" | ")
                    .append(num(t.path("errors"))).append(" | ").append(ratio).append(" | ")
                    .append(num(t.path("peer_cpu_us_per_request"))).append(" | ")
                    .append(num(t.path("peer_cores_busy"))).append(" |\n");
        }
        for (String[] p : new String[][]{{"throughput-gateway", "gateway"}, {"throughput-prism", "prism"},
                {"throughput-wiremock", "wiremock"}}) {
            if (raw(raw, p[0]) == null) {
                md.append("| ").append(p[1]).append(" | not run | | | | | | |\n");
            }
        }
        if (gw != null) {
            md.append("\nPer operation on the gateway (ms):\n\n| Operation | count | p50 | p99 | max |\n|---|---|---|---|---|\n");
            gw.path("per_operation").fields().forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ")
                    .append(num(e.getValue().path("count"))).append(" | ").append(num(e.getValue().path("p50_ms")))
                    .append(" | ").append(num(e.getValue().path("p99_ms"))).append(" | ")
                    .append(num(e.getValue().path("max_ms"))).append(" |\n"));
        }
        targets.add(cpuTarget(gw, wm));
        targets.add(ratioTarget("req/s >= 3x Prism's (same mix, same run)", gw, prism, 3));

        // 2. call flow
        md.append("\n## 2. Call flow: complete A->B calls per second\n\n");
        if (cf != null && cf.has("calls_per_s")) {
            md.append("Each pair registered once (").append(num(cf.path("setup_s"))).append(" s for all), then loops: ")
                    .append("call, invitation on B's WebSocket, PUT Connected + answer, Connected on A's WebSocket, ")
                    .append("DELETE, Terminated on B's WebSocket.\n\n");
            md.append("| Pairs | calls/s | call p50 ms | call p99 ms | POST->invitation p50 ms | p99 ms | calls | errors |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            md.append("| ").append(num(cf.path("pairs"))).append(" | ").append(num(cf.path("calls_per_s"))).append(" | ")
                    .append(num(cf.path("call_cycle").path("p50_ms"))).append(" | ")
                    .append(num(cf.path("call_cycle").path("p99_ms"))).append(" | ")
                    .append(num(cf.path("post_to_invitation").path("p50_ms"))).append(" | ")
                    .append(num(cf.path("post_to_invitation").path("p99_ms"))).append(" | ")
                    .append(num(cf.path("calls"))).append(" | ").append(num(cf.path("errors"))).append(" |\n");
        } else {
            md.append("Not run or failed").append(detail(cf)).append(".\n");
        }

        // 3. fan-out
        md.append("\n## 3. Fan-out latency: A's POST to the session-invitation frame on each of B's WebSockets\n\n");
        if (fo != null && fo.has("post_to_invitation_each")) {
            JsonNode e = fo.path("post_to_invitation_each");
            JsonNode l = fo.path("post_to_invitation_last_endpoint");
            md.append("| Idle endpoints (open WebSockets) | B's endpoints | calls | p50 ms | p99 ms | max ms | all of B reached, p99 ms | errors |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            md.append("| ").append(num(fo.path("idle_endpoints"))).append(" | ").append(num(fo.path("callee_endpoints")))
                    .append(" | ").append(num(fo.path("calls"))).append(" | ").append(num(e.path("p50_ms"))).append(" | ")
                    .append(num(e.path("p99_ms"))).append(" | ").append(num(e.path("max_ms"))).append(" | ")
                    .append(num(l.path("p99_ms"))).append(" | ").append(num(fo.path("errors"))).append(" |\n");
            double p99 = e.path("p99_ms").asDouble(Double.NaN);
            boolean full = fo.path("idle_endpoints").asInt() >= 10_000;
            boolean clean = fo.path("errors").asLong() == 0;
            targets.add(new Target(FANOUT, num(e.path("p99_ms")) + " ms (" + num(fo.path("idle_endpoints")) + " idle, "
                    + num(fo.path("errors")) + " errors)", !full ? NOT_RUN + " at 10,000 idle"
                    : p99 < 1 && clean ? MET : NOT_MET));
        } else {
            md.append("Not run or failed").append(detail(fo)).append(".\n");
            targets.add(new Target(FANOUT, "-", NOT_RUN));
        }

        // 4. scale
        md.append("\n## 4. Scale: registrations each holding an open WebSocket\n\n");
        md.append("Heap = used after `jcmd <pid> GC.run` (`GC.heap_info`); RSS = VmRSS of the gateway process.\n\n");
        md.append("| Gateway JVM | endpoints established / open | time to establish s | endpoints/s | heap before MiB | heap after MiB | heap per endpoint KiB | RSS after MiB | errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode s : new JsonNode[]{scDefault, sc256}) {
            if (s == null) {
                continue;
            }
            if (!s.has("endpoints_established")) {
                md.append("| ").append(s.path("label").asText(s.path("scenario").asText("?"))).append(" | failed")
                        .append(detail(s)).append(" | | | | | | | |\n");
                continue;
            }
            md.append("| ").append(s.path("label").asText()).append(s.path("gateway_jvm_options").asText().isBlank() ? ""
                            : " (`" + s.path("gateway_jvm_options").asText() + "`)").append(" | ")
                    .append(num(s.path("endpoints_established"))).append(" / ").append(num(s.path("websockets_open")))
                    .append(" | ").append(num(s.path("establish_s"))).append(" | ").append(num(s.path("establish_per_s")))
                    .append(" | ").append(num(s.path("memory_before").path("heap_used_mib"))).append(" | ")
                    .append(s.path("gateway_alive_after").asBoolean(true)
                            ? num(s.path("memory_after").path("heap_used_mib")) : "out of memory: the gateway exited")
                    .append(" | ")
                    .append(num(s.path("heap_per_endpoint_kib"))).append(" | ")
                    .append(num(s.path("memory_after").path("rss_mib"))).append(" | ")
                    .append(num(s.path("failures"))).append(" |\n");
        }
        if (scDefault == null && sc256 == null) {
            md.append("| not run | | | | | | | | |\n");
        }
        perEndpointHistogram(scDefault, md);
        targets.add(memoryTarget(scDefault));
        targets.add(xmxTarget(sc256));

        // 5. suite
        md.append("\n## 5. Conformance suite speed (full profile, JVM start included)\n\n");
        if (suite == null) {
            md.append("Not run.\n");
            targets.add(new Target(SUITE, "-", NOT_RUN));
        } else if ("missing".equals(suite.path("status").asText())) {
            md.append("**Missing**: ").append(suite.path("detail").asText()).append(".\n");
            targets.add(new Target(SUITE, "suite jar missing", NOT_RUN));
        } else {
            md.append("| Command | result | wall s |\n|---|---|---|\n");
            md.append("| `").append(suite.path("command").asText()).append("` | ").append(suite.path("status").asText())
                    .append(" (exit ").append(num(suite.path("exit_code"))).append(") | ")
                    .append(num(suite.path("wall_s"))).append(" |\n");
            double wall = suite.path("wall_s").asDouble();
            boolean passed = "passed".equals(suite.path("status").asText());
            targets.add(new Target(SUITE, num(suite.path("wall_s")) + " s (" + suite.path("status").asText() + ")",
                    wall < 20 ? (passed ? MET : NOT_MET + " (on time, but the run did not pass)") : NOT_MET));
        }

        JsonNode soak = raw(raw, "soak");
        if (soak != null) {
            md.append("\n## 6. Soak and storms (`--only soak`, opt-in)\n\n");
            md.append(num(soak.path("pairs"))).append(" caller/callee pairs placing complete calls for ")
                    .append(num(soak.path("duration_s"))).append(" s, the callee reconnecting with `lastSequence` every 5 calls; ")
                    .append("a channel with a 5 s expiry created and its `channel-ends` awaited (20 s) again and again; ")
                    .append("malformed requests at about 20/s. Finished ").append(soak.path("measured_at").asText("?"))
                    .append(", status ").append(soak.path("status").asText("?")).append(".\n\n| Measure | Value |\n|---|---|\n");
            for (String k : new String[]{"calls_completed", "call_errors", "first_call_error", "reconnects_with_lastSequence",
                    "events_lost", "events_duplicated", "channel_expiries_seen", "channel_expiries_missed", "malformed_requests",
                    "malformed_5xx", "heap_after_gc_kib_before", "heap_after_gc_kib_after", "threads_before", "threads_after",
                    "live_calls_after"}) {
                JsonNode v = soak.path(k);
                md.append("| ").append(k).append(" | ").append(v.isMissingNode() || v.isNull() ? "-" : v.asText()).append(" |\n");
            }
        }

        start(raw(raw, "start"), md, targets);
        targets.add(buildTarget(build));
        // the order of issue 16's list, the suite speed (issue 7) last
        List<Target> ordered = new ArrayList<>();
        for (String w : new String[]{CPU, "req/s >= 3x Prism's (same mix, same run)", MEMORY, XMX, START, FANOUT, BUILD, SUITE}) {
            targets.stream().filter(t -> t.what().equals(w)).forEach(ordered::add);
        }
        targets = ordered;

        md.append("\n## Targets (issue 16; the suite's speed from issue 7)\n\n")
                .append("Each figure is from the raw result named in its scenario above (see its finish time and the load then).\n\n")
                .append("| Target | Measured | Verdict |\n|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.what()).append(" | ").append(t.value()).append(" | ").append(t.verdict()).append(" |\n");
        }
        String note = facts.get("note");
        if (note != null) {
            md.append("\n").append(note).append("\n");
        }

        ObjectNode json = Api.JSON.createObjectNode();
        json.set("machine", Api.JSON.valueToTree(facts));
        ObjectNode res = json.putObject("results");
        for (String n : new String[]{"throughput-gateway", "throughput-prism", "throughput-wiremock", "callflow",
                "fanout", "scale-default", "scale-xmx256m", "suite", "soak", "start", "build"}) {
            JsonNode r = raw(raw, n);
            if (r != null) {
                res.set(n, r);
            }
        }
        json.set("targets", Api.JSON.valueToTree(targets));
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("results.json"), Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        Files.writeString(outDir.resolve("results.md"), md.toString());
        System.out.print(md);
    }

    private static String detail(JsonNode n) {
        if (n == null) {
            return "";
        }
        String d = n.path("detail").asText(n.path("first_error").asText(""));
        return d.isBlank() ? "" : " (" + d.replace("|", "/").replace("\n", " ") + ")";
    }

    /** Scenario 7: ready after launch, each peer's median over the same rounds, and the gateway's ratios. */
    static void start(JsonNode start, StringBuilder md, List<Target> targets) {
        String what = START;
        if (start == null) {
            targets.add(new Target(what, "-", NOT_RUN));
            return;
        }
        JsonNode peers = start.path("peers");
        md.append("\n## 7. Start: launch to the first successful token + API request\n\n")
                .append(num(start.path("runs"))).append(" rounds, the peers taking turns within each round; finished ")
                .append(start.path("measured_at").asText("?")).append(", load average at the end ")
                .append(start.path("load_average_at_end").asText("?"))
                .append(". A failed run (not ready within the timeout) counts as the timeout, so its median is a lower bound")
                .append(".\n\n| Peer | How | median s | min s | each run (s) | failed runs |\n|---|---|---|---|---|---|\n");
        peers.fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(r.path("label").asText().replace("|", "\\|")).append(" | ")
                    .append(r.path("median_is_lower_bound").asBoolean() ? ">= " : "").append(num(r.path("median_s")))
                    .append(" | ").append(num(r.path("min_s"))).append(" | ")
                    .append(r.path("ready_s").toString()).append(" | ").append(r.path("failed_runs").size()).append(" |\n");
        });
        md.append("\n| Ratio of medians | plain `java -jar` | fast start |\n|---|---|---|\n");
        for (String peer : new String[]{"wiremock", "prism"}) {
            md.append("| gateway ÷ ").append(peer).append(" | ").append(ratio(peers, "gateway", peer)).append(" | ")
                    .append(ratio(peers, "gateway-fast", peer)).append(" |\n");
        }
        double plain = peers.path("gateway").path("median_s").asDouble(Double.NaN);
        double fast = peers.path("gateway-fast").path("median_s").asDouble(Double.NaN);
        double best = Double.isNaN(fast) ? plain : Double.isNaN(plain) ? fast : Math.min(plain, fast);
        if (Double.isNaN(best)) {
            targets.add(new Target(what, "-", NOT_RUN));
            return;
        }
        targets.add(new Target(what, String.format(Locale.ROOT, "fast start %s s, plain java -jar %s s (WireMock %s s, Prism %s s)",
                num(peers.path("gateway-fast").path("median_s")), num(peers.path("gateway").path("median_s")),
                num(peers.path("wiremock").path("median_s")), num(peers.path("prism").path("median_s"))),
                best <= 2 ? MET : NOT_MET));
    }

    static final String MET = "MET";
    static final String NOT_MET = "NOT MET";
    static final String NOT_RUN = "not run";
    static final String CPU = "CPU µs/request <= WireMock's (same mix, same run)";
    static final String MEMORY = "10,000 endpoints with open WebSockets <= 128 MiB live heap after GC (<= 12.8 KiB each)";
    static final String XMX = "the same 10,000 under -Xmx256m";
    static final String START = "ready (token + API request) <= 2 s after launch";
    static final String FANOUT = "fan-out p99 < 1 ms (POST to invitation frame) with 10,000 idle endpoints";
    static final String BUILD = "clean mvn verify <= 3 min (raw/build.json, written by the build's timing)";
    static final String SUITE = "full conformance run < 20 s";

    private static Target cpuTarget(JsonNode gw, JsonNode wm) {
        if (gw == null || wm == null || !gw.has("peer_cpu_us_per_request") || !wm.has("peer_cpu_us_per_request")) {
            return new Target(CPU, "-", NOT_RUN);
        }
        double g = gw.path("peer_cpu_us_per_request").asDouble();
        double w = wm.path("peer_cpu_us_per_request").asDouble();
        boolean clean = gw.path("errors").asLong() == 0;
        return new Target(CPU, String.format(Locale.ROOT, "gateway %s µs vs WireMock %s µs (%.2fx)", num(gw.path("peer_cpu_us_per_request")),
                num(wm.path("peer_cpu_us_per_request")), g / w), g <= w && clean ? MET : NOT_MET);
    }

    private static boolean full(JsonNode s) {
        return s != null && s.has("endpoints_established") && s.path("endpoints_requested").asLong() >= 10_000;
    }

    private static Target memoryTarget(JsonNode s) {
        if (s == null || !s.has("endpoints_established")) {
            return new Target(MEMORY, "-", NOT_RUN);
        }
        double heap = s.path("memory_after").path("heap_used_mib").asDouble(Double.NaN);
        String measured = num(s.path("websockets_open")) + " open: " + num(s.path("memory_after").path("heap_used_mib"))
                + " MiB after GC, " + num(s.path("heap_per_endpoint_kib")) + " KiB each (default heap)";
        if (!full(s)) {
            return new Target(MEMORY, measured, NOT_RUN + " at 10,000");
        }
        boolean all = s.path("websockets_open").asLong() >= 10_000;
        return new Target(MEMORY, measured, all && heap <= 128 ? MET : NOT_MET);
    }

    private static Target xmxTarget(JsonNode s) {
        if (s == null || !s.has("endpoints_established")) {
            return new Target(XMX, "-", NOT_RUN);
        }
        boolean alive = s.path("gateway_alive_after").asBoolean(true);
        String measured = alive ? num(s.path("websockets_open")) + " open, " + num(s.path("memory_after").path("heap_used_mib"))
                + " MiB after GC, still answering: " + s.path("responsive_after").asBoolean()
                : "out of memory after " + num(s.path("endpoints_established")) + " endpoints";
        if (!full(s)) {
            return new Target(XMX, measured, NOT_RUN + " at 10,000");
        }
        boolean met = alive && s.path("websockets_open").asLong() >= 10_000 && s.path("responsive_after").asBoolean();
        return new Target(XMX, measured, met ? MET : NOT_MET);
    }

    /** The classes one endpoint adds to the live heap (histogram after minus before, per endpoint). */
    private static void perEndpointHistogram(JsonNode s, StringBuilder md) {
        if (s == null || !s.path("heap_histogram_per_endpoint").isArray() || s.path("heap_histogram_per_endpoint").isEmpty()) {
            return;
        }
        md.append("\nHeap histogram per endpoint (default heap; live objects after establishing minus before, divided by the ")
                .append(num(s.path("endpoints_established"))).append(" endpoints):\n\n| Class | bytes per endpoint | instances per endpoint |\n|---|---|---|\n");
        for (JsonNode r : s.path("heap_histogram_per_endpoint")) {
            md.append("| `").append(r.path("class").asText()).append("` | ").append(num(r.path("bytes_per_endpoint")))
                    .append(" | ").append(num(r.path("instances_per_endpoint"))).append(" |\n");
        }
    }

    private static Target buildTarget(JsonNode b) {
        if (b == null || !b.path("wall_s").isNumber()) {
            return new Target(BUILD, b == null ? "no raw/build.json" : "raw/build.json without wall_s", NOT_RUN);
        }
        double wall = b.path("wall_s").asDouble();
        boolean ok = true;
        for (JsonNode m : b.path("modules")) {
            ok &= m.path("result").asText("SUCCESS").equalsIgnoreCase("SUCCESS");
        }
        return new Target(BUILD, String.format(Locale.ROOT, "%s s (%s, %s%s)", num(b.path("wall_s")),
                b.path("label").asText(b.path("command").asText("?")), b.path("measured_at").asText("?"),
                ok ? "" : ", a module failed"), wall <= 180 && ok ? MET : NOT_MET);
    }

    private static String ratio(JsonNode peers, String a, String b) {
        double x = peers.path(a).path("median_s").asDouble(Double.NaN);
        double y = peers.path(b).path("median_s").asDouble(Double.NaN);
        return Double.isNaN(x) || Double.isNaN(y) || y == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", x / y);
    }

    private static Target ratioTarget(String what, JsonNode gw, JsonNode peer, double min) {
        if (gw == null || peer == null) {
            return new Target(what, "-", NOT_RUN);
        }
        double r = gw.path("req_per_s").asDouble() / peer.path("req_per_s").asDouble();
        boolean clean = gw.path("errors").asLong() == 0 && peer.path("errors").asLong() == 0;
        return new Target(what, String.format(Locale.ROOT, "%.2fx (%s vs %s req/s)", r, num(gw.path("req_per_s")),
                num(peer.path("req_per_s"))), !clean ? NOT_MET + " (with errors)"
                : r >= min ? MET : NOT_MET);
    }
}
