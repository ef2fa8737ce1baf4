package org.byon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 4: {@code endpoints} registrations, each with its own channel and open WebSocket, on a gateway whose
 * pid is given. Reports the time to establish them, and the gateway's heap after a full GC (jcmd GC.run, then
 * GC.heap_info) and RSS (/proc/pid/status VmRSS), before and after.
 */
final class Scale {
    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern META = Pattern.compile("Metaspace\\s+used (\\d+)K");

    private Scale() {
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Heap used after an explicit full GC, in MiB, with RSS and metaspace. */
    static Map<String, Object> memory(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Thread.sleep(1000);
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        String info = jcmd(pid, "GC.heap_info");
        Map<String, Object> m = new LinkedHashMap<>();
        Matcher h = HEAP.matcher(info);
        if (h.find()) {
            m.put("heap_used_mib", Math.round(Long.parseLong(h.group(2)) / 1024.0 * 10) / 10.0);
            m.put("heap_committed_mib", Math.round(Long.parseLong(h.group(1)) / 1024.0 * 10) / 10.0);
        } else {
            m.put("heap_info_unparsed", info.strip());
        }
        Matcher mm = META.matcher(info);
        if (mm.find()) {
            m.put("metaspace_used_mib", Math.round(Long.parseLong(mm.group(1)) / 1024.0 * 10) / 10.0);
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                m.put("rss_mib", Math.round(kb / 1024.0 * 10) / 10.0);
            } else if (line.startsWith("Threads:")) {
                m.put("threads", Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return m;
    }

    /** {@code jcmd <pid> GC.class_histogram} (live objects: it runs a full GC): class -> {instances, bytes}. */
    static Map<String, long[]> histogram(long pid) {
        Map<String, long[]> out = new LinkedHashMap<>();
        try {
            for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
                String[] t = line.strip().split("\\s+");
                if (t.length >= 4 && t[0].matches("\\d+:")) {
                    out.put(t[3], new long[]{Long.parseLong(t[1]), Long.parseLong(t[2])});
                }
            }
        } catch (Exception e) {
            out.put("class histogram failed: " + e, new long[]{0, 0});
        }
        return out;
    }

    /**
     * What one endpoint holds: the live-object histogram after establishing minus the one before, divided by the
     * endpoints, the classes with the most bytes first ({@code rows} of them).
     */
    static List<Map<String, Object>> perEndpoint(Map<String, long[]> before, Map<String, long[]> after, int n, int rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (n <= 0) {
            return out;
        }
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[]{0, 0});
                    return Map.entry(e.getKey(), new long[]{e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(rows)
                .forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("class", e.getKey());
                    m.put("bytes_per_endpoint", Math.round(e.getValue()[1] / (double) n));
                    m.put("instances_per_endpoint", Math.round(e.getValue()[0] * 100.0 / n) / 100.0);
                    out.add(m);
                });
        return out;
    }

    /** The first rows of {@code jcmd <pid> GC.class_histogram} (live objects: it runs a full GC). */
    static List<String> topClasses(long pid, int rows) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
                String t = line.strip();
                if (t.matches("\\d+:\\s+\\d+\\s+\\d+\\s+.*") && out.size() < rows) {
                    out.add(t.replaceAll("\\s+", " "));
                }
            }
            return out;
        } catch (Exception e) {
            return List.of("class histogram failed: " + e);
        }
    }

    static void run(Args a) throws Exception {
        Gateway gw = new Gateway(a);
        String label = a.str("label", "default");
        long pid = Long.parseLong(a.req("gateway-pid"));
        gw.gatewayPid = pid;
        int n = a.integer("endpoints", 10_000);
        int perSub = a.integer("per-subscriber", 100);
        int parallelism = a.integer("parallelism", 8);
        double budget = a.dbl("max-seconds", 240);

        int[] subs = new int[n];
        for (int i = 0; i < n; i++) {
            subs[i] = Subscribers.SCALE_BASE + i / perSub;
        }
        // tokens first, so that establishing measures channels, WebSockets and registrations only
        for (int i = 0; i < n; i += perSub) {
            gw.token(subs[i]);
        }
        Map<String, long[]> histogramBefore = histogram(pid);
        Map<String, Object> before = memory(pid);
        System.err.printf("[scale %s] before: %s; establishing %d endpoints with %d threads%n", label, before, n,
                parallelism);
        List<String> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Endpoint> eps = gw.establish(subs, false, parallelism, budget, errors);
        double establishS = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(1000);
        long open = eps.stream().filter(e -> e.open).count();
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        Map<String, Object> after = alive ? memory(pid) : Map.of("gateway", "exited (see its log; -XX:+ExitOnOutOfMemoryError)");
        // the gateway still serves: read one registration back
        boolean responsive = false;
        if (!eps.isEmpty() && alive) {
            Endpoint probe = eps.get(eps.size() / 2);
            try {
                responsive = gw.api.send("GET", "/racm/sessions/" + probe.racmSessionId, probe.token, null).status() == 200;
            } catch (java.io.IOException e) {
                errors.add("probe GET of a registration: " + e);
            }
        }
        List<String> topClasses = alive ? topClasses(pid, 15) : List.of();
        List<Map<String, Object>> perEndpoint = alive && !eps.isEmpty()
                ? perEndpoint(histogramBefore, histogram(pid), eps.size(), 20) : List.of();
        String dump = a.str("heap-dump", null); // for profiling: an HPROF of the gateway with every endpoint open
        if (dump != null && alive) {
            System.err.println("[scale] " + jcmd(pid, "GC.heap_dump " + Path.of(dump).toAbsolutePath()).strip());
        }
        long openAtEnd = eps.stream().filter(e -> e.open).count();
        eps.forEach(Endpoint::close);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "scale");
        out.put("label", label);
        out.put("gateway_jvm_options", a.str("jvm-options", ""));
        out.put("endpoints_requested", n);
        out.put("endpoints_established", eps.size());
        out.put("websockets_open", open);
        out.put("websockets_open_at_end", openAtEnd);
        out.put("failures", n - eps.size());
        out.put("establish_s", Math.round(establishS * 100) / 100.0);
        out.put("establish_per_s", Math.round(eps.size() / establishS * 10) / 10.0);
        out.put("memory_before", before);
        out.put("memory_after", after);
        Object hb = before.get("heap_used_mib");
        Object ha = after.get("heap_used_mib");
        if (hb instanceof Double b && ha instanceof Double h && !eps.isEmpty()) {
            out.put("heap_per_endpoint_kib", Math.round((h - b) * 1024 / eps.size() * 10) / 10.0);
        }
        out.put("gateway_alive_after", alive);
        out.put("responsive_after", responsive);
        out.put("top_heap_classes_after", topClasses);
        out.put("heap_histogram_per_endpoint", perEndpoint);
        if (!errors.isEmpty()) {
            out.put("errors", errors);
        }
        Results.write(Path.of(a.req("out")), out);
        System.err.printf("[scale %s] %d/%d endpoints (%d open) in %.1f s; after: %s%n", label, eps.size(), n, open,
                establishS, after);
    }
}
