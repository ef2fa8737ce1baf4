package org.byon.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 7: time to ready after launch. Each peer of a peers file is started as a process on a free port,
 * {@code --runs} times, the peers taking turns (round 1: every peer once, round 2: ...), so that the machine's
 * load falls on all of them alike. "Ready" is the first successful API request after the launch: for a peer
 * with a token URL (the gateway) a client-credentials token followed by {@code POST /channels} with it (201);
 * for the others {@code POST /channels} with any bearer token (201). Polled every 20 ms; a run that is not ready
 * within {@code --timeout} seconds, or whose process exits, is a failed run.
 *
 * <p>The peers file (written by bench/run.sh) holds {@code peers=a,b,...} and per peer {@code a.cmd} (the
 * command line, split on spaces, {@code {port}} replaced), {@code a.base} (the API base URL) and optionally
 * {@code a.token} (the token URL), {@code a.client} ({@code id:secret}) and {@code a.label}.
 */
final class Start {
    private Start() {
    }

    record Peer(String name, String label, String cmd, String base, String tokenUrl, String client) {
    }

    static void run(Args a) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(a.req("peers-file")))) {
            p.load(in);
        }
        List<Peer> peers = new ArrayList<>();
        for (String name : p.getProperty("peers", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            peers.add(new Peer(name, p.getProperty(name + ".label", name), p.getProperty(name + ".cmd"),
                    p.getProperty(name + ".base"), p.getProperty(name + ".token"),
                    p.getProperty(name + ".client", "alice:alice-secret")));
        }
        int runs = a.integer("runs", 5);
        double timeout = a.dbl("timeout", 90);
        double stopTimeout = a.dbl("stop-timeout", 15); // a training run writes its CDS archive at exit
        Path logs = Path.of(a.req("log-dir"));
        Files.createDirectories(logs);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();

        Map<String, List<Double>> ready = new LinkedHashMap<>();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        peers.forEach(peer -> {
            ready.put(peer.name(), new ArrayList<>());
            failures.put(peer.name(), new ArrayList<>());
        });
        for (int round = 1; round <= runs; round++) {
            for (Peer peer : peers) {
                Path log = logs.resolve("start-" + peer.name() + "-" + round + ".log");
                try {
                    double s = once(http, peer, timeout, stopTimeout, log);
                    ready.get(peer.name()).add(s);
                    System.err.printf("[start] %s run %d: ready in %.2f s%n", peer.name(), round, s);
                } catch (Exception e) {
                    failures.get(peer.name()).add("run " + round + ": " + e.getMessage());
                    System.err.printf("[start] %s run %d failed: %s%n", peer.name(), round, e.getMessage());
                }
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "start");
        out.put("runs", runs);
        out.put("ready", "first successful API request after launch (gateway: token, then POST /channels with it)");
        Map<String, Object> byPeer = new LinkedHashMap<>();
        for (Peer peer : peers) {
            List<Double> s = ready.get(peer.name());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("label", peer.label());
            r.put("command", peer.cmd());
            r.put("ready_s", s);
            // a failed run counts as the timeout: the median is then a lower bound
            List<Double> all = new ArrayList<>(s);
            failures.get(peer.name()).forEach(f -> all.add(timeout));
            r.put("median_s", median(all));
            r.put("median_is_lower_bound", !failures.get(peer.name()).isEmpty());
            r.put("min_s", s.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
            r.put("failed_runs", failures.get(peer.name()));
            byPeer.put(peer.name(), r);
        }
        out.put("peers", byPeer);
        Results.write(Path.of(a.req("out")), out);
        for (Peer peer : peers) {
            System.err.printf("[start] %-14s %d of %d runs ready, median of those %.2f s (%s)%n", peer.name(),
                    ready.get(peer.name()).size(), runs, median(ready.get(peer.name())), peer.label());
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return Math.round(m * 1000) / 1000.0;
    }

    /** Starts the peer, waits until it is ready, stops it; answers the seconds from launch to ready. */
    static double once(HttpClient http, Peer peer, double timeout, double stopTimeout, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String portText = Integer.toString(port);
        List<String> cmd = Arrays.stream(peer.cmd().trim().split("\\s+")).map(x -> x.replace("{port}", portText)).toList();
        String base = peer.base().replace("{port}", portText);
        String tokenUrl = peer.tokenUrl() == null ? null : peer.tokenUrl().replace("{port}", portText);
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            long deadline = t0 + (long) (timeout * 1e9);
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue() + " (see " + log + ")");
                }
                try {
                    String token = tokenUrl == null ? "any-token" : token(http, tokenUrl, peer.client());
                    if (token != null) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/channels"))
                                .timeout(Duration.ofSeconds(5))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"channelType\":\"WebSocket\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
                        }
                        last = "POST /channels answered " + r.statusCode();
                    } else {
                        last = "no token yet";
                    }
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("not ready after " + timeout + " s: " + last);
        } finally {
            stop(process, stopTimeout);
        }
    }

    /** @return the access token, or null while the token endpoint does not answer 200 */
    static String token(HttpClient http, String tokenUrl, String client) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return null;
        }
        String t = Api.JSON.readTree(r.body()).path("access_token").asText("");
        return t.isEmpty() ? null : t;
    }

    /** SIGTERM to the process and its children, then (bounded) SIGKILL. */
    static void stop(Process process, double seconds) throws InterruptedException {
        List<ProcessHandle> kids = process.descendants().toList();
        process.destroy();
        kids.forEach(ProcessHandle::destroy);
        if (!process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        kids.forEach(ProcessHandle::destroyForcibly);
    }
}
