package org.byon.conformance.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The reference gateway as a child process on a free port, with run-time fault control, a 2 s minimum registration expiry,
 * a 4 s disconnection grace period, insecure (loopback http) webhook URLs, a 3 s ring timeout and a rate limit of 100
 * requests/s (bursts of 300) per subscriber. The jar is copied first, so a rebuild of
 * server-stub while the tests run cannot pull it from under the process.
 */
public final class ReferenceGateway implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final org.byon.conformance.webhook.ReceiverTls webhookTls;

    private ReferenceGateway(Process process, int port, Path log, org.byon.conformance.webhook.ReceiverTls webhookTls) {
        this.webhookTls = webhookTls;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar named by the system property {@code byon.gateway.jar} (default ../server-stub/target/byon-gateway.jar). */
    /** The simulator key the built-in reference config sends ({@code BYON_SIMULATOR_KEY}, else the demo key). */
    public static final String SIMULATOR_KEY = System.getenv().getOrDefault("BYON_SIMULATOR_KEY",
            "reference-simulator-key");

    public static ReferenceGateway start() throws Exception {
        return start(Path.of(System.getProperty("byon.gateway.jar", "../server-stub/target/byon-gateway.jar")), Path.of("target", "selftest-gateway"));
    }

    /** Starts the gateway jar (copied into {@code workDir} first) and waits for its token endpoint. */
    public static ReferenceGateway start(Path jar, Path workDir) throws Exception {
        return start(jar, workDir, true);
    }

    /**
     * @param testDeployment true: run-time fault control, loopback http webhooks allowed (the SSRF guard off);
     *                       false: the gateway's production defaults apart from the ring timeout and the minimum registration expiry (2 s)
     */
    public static ReferenceGateway start(Path jar, Path workDir, boolean testDeployment) throws Exception {
        return start(jar, workDir, testDeployment, List.of());
    }

    /** As {@link #start(Path, Path, boolean)}, with more gateway arguments (e.g. {@code --byon.auth.jwk-set-uri=...}). */
    public static ReferenceGateway start(Path jar, Path workDir, boolean testDeployment, List<String> extraArgs) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("byon.gateway.jar " + jar.toAbsolutePath()
                    + " does not exist: build it with mvn -o -q -pl server-stub -am -Dbyon.node.skip=true install -DskipTests");
        }
        Path dir = Files.createDirectories(workDir);
        Path copy = dir.resolve("byon-gateway-" + ProcessHandle.current().pid() + ".jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("gateway-" + port + ".log");
        // the suite's webhook receiver serves https with this throw-away certificate; the gateway trusts it for deliveries
        org.byon.conformance.webhook.ReceiverTls tls = org.byon.conformance.webhook.ReceiverTls.generate(dir.resolve("webhook-tls-" + port), "127.0.0.1");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", copy.toString(),
                "--server.port=" + port, "--byon.voice.ring-timeout=3s", "--byon.racm.min-expiry=2s",
                // a 4 s disconnection grace period, so that BYON-RACM-010 can wait it out (default 60 s)
                "--byon.racm.disconnect-grace=4s",
                // the simulator (expired tokens, push outbox, faults) is off in the jar and has its own key
                "--byon.simulator.enabled=true", "--byon.simulator.key=" + SIMULATOR_KEY,
                "--byon.webhook.trusted-certificates=" + tls.pemFile().toAbsolutePath(),
                // the per-subscriber rate limit the reference config declares (BYON-ERR-009 floods past it)
                "--byon.limits.subscriber-requests-per-second=100", "--byon.limits.subscriber-burst=300"));
        if (testDeployment) {
            cmd.addAll(List.of("--byon.faults.runtime-control=true", "--byon.webhook.allow-insecure-urls=true",
                    // the self-tests' gateway: the external "answers" number picks up after 300 ms (default 1 s) and a
                    // webhook retry starts at 250 ms (default 1 s), so the 23 fault runs do not wait for them
                    "--byon.voice.external-answer-delay=300ms", "--byon.webhook.initial-backoff=250ms"));
        }
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ReferenceGateway g = new ReferenceGateway(p, port, log, tls);
        g.awaitTokenEndpoint(Duration.ofSeconds(120));
        return g;
    }

    private void awaitTokenEndpoint(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                        .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() > 0) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway did not answer on " + base() + "/oauth2/token within " + timeout + "; log:\n" + tail());
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** The PKCS#12 store (password {@link org.byon.conformance.webhook.ReceiverTls#GENERATED_PASSWORD}) the gateway trusts for webhooks: {@code run --webhook-keystore}. */
    public Path webhookKeyStore() {
        return webhookTls.keyStore().toAbsolutePath();
    }

    public String apiRoot() {
        return base() + "/byon/v0.2";
    }

    /** Switches the gateway's faults at run time (PUT /simulator/v1/faults). */
    public void faults(String... names) throws Exception {
        String body = "{\"faults\":[" + List.of(names).stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/simulator/v1/faults"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .header("X-Simulator-Key", SIMULATOR_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT /simulator/v1/faults " + body + " -> " + r.statusCode() + " " + r.body());
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
