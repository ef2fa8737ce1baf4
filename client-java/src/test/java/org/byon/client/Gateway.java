package org.byon.client;

import java.io.File;
import java.io.IOException;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the reference gateway jar ({@code -Dbyon.gateway.jar}) as a process on a free port. The IT classes whose
 * configurations agree share one ({@link #shared()}: started once per test JVM, stopped when it exits), so the build
 * starts two gateways instead of one per class.
 */
final class Gateway implements AutoCloseable {
    /** The simulator (fault switch) is off in the jar; switched on here with this key. */
    static final String SIMULATOR_KEY = "client-it-simulator-key";


    final int port;
    final String apiRoot;
    final URI tokenUrl;
    private final Process process;
    private final Path log;

    private Gateway(int port, Process process, Path log) {
        this.port = port;
        this.apiRoot = "http://localhost:" + port;
        this.tokenUrl = URI.create(apiRoot + "/oauth2/token");
        this.process = process;
        this.log = log;
    }

    /** Extra subscribers {@code s0..s199} (secret {@code sN-secret}) of the shared gateway, for the many-clients IT. */
    static final int EXTRA_SUBSCRIBERS = 200;

    private static Gateway shared;

    /**
     * The gateway of the IT classes that need the jar's defaults plus: faults switchable at run time ({@link #faults}:
     * a test that switches one on switches them off again), http webhooks to loopback allowed (test only: the SSRF
     * guard refuses them by default) and {@link #EXTRA_SUBSCRIBERS} extra subscribers. GatewayCallIT, which needs
     * short token and channel lifetimes and asserts the SSRF guard, starts its own.
     */
    static synchronized Gateway shared() throws Exception {
        if (shared == null) {
            List<String> props = new ArrayList<>(List.of("--byon.faults.runtime-control=true",
                    "--byon.webhook.allow-insecure-urls=true"));
            for (int i = 0; i < EXTRA_SUBSCRIBERS; i++) {
                props.add("--byon.subscribers[" + i + "].name=s" + i);
                props.add("--byon.subscribers[" + i + "].secret=s" + i + "-secret");
                props.add("--byon.subscribers[" + i + "].phone-number=+4477009" + (10000 + i));
            }
            Gateway started = start(props.toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "shared-gateway-stop"));
            shared = started;
        }
        return shared;
    }

    static Gateway start(String... properties) throws Exception {
        String jar = System.getProperty("byon.gateway.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the reference gateway jar is missing: -Dbyon.gateway.jar=" + jar
                    + " (build it with: mvn -pl server-stub -am install -DskipTests)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // run a private copy: a rebuild of server-stub while the test runs must not pull the jar from under the JVM
        Path copy = Path.of("target", "it-gateway", "byon-gateway-" + port + ".jar");
        Files.createDirectories(copy.getParent());
        Files.copy(Path.of(jar), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", copy.toString(), "--server.port=" + port,
                "--byon.simulator.enabled=true", "--byon.simulator.key=" + SIMULATOR_KEY));
        command.addAll(List.of(properties));
        Path log = Path.of("target", "gateway-it-" + port + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Gateway gateway = new Gateway(port, process, log);
        try {
            gateway.awaitReady(Duration.ofSeconds(180));
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the gateway did not answer /oauth2/token within " + timeout + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Switches the gateway's faults at run time (needs {@code --byon.faults.runtime-control=true}). */
    void faults(String... names) throws IOException, InterruptedException {
        String body = "{\"faults\":[" + String.join(",", java.util.Arrays.stream(names).map(n -> "\"" + n + "\"").toList()) + "]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(apiRoot + "/simulator/v1/faults"))
                .header("Content-Type", "application/json").header("X-Simulator-Key", SIMULATOR_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("switching faults failed: " + response.statusCode() + " " + response.body());
        }
    }

    ByonClient client(String subscriber) {
        return ByonClient.builder().apiRoot(apiRoot)
                .tokenSource(TokenSource.clientCredentials(tokenUrl, subscriber, subscriber + "-secret"))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
