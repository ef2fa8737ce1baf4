package org.byon.client;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application provider's server: 200 {@link ByonClient}s for 200 subscribers in one JVM, each with
 * a WebSocket channel and a registration, against the reference gateway: once with the defaults (all
 * clients share the process-wide default HTTP client and pool) and once with one HTTP client and
 * executor injected into all. Counts the live threads and the heap they cost (after a full GC), and checks that none of the
 * clients' threads outlives {@code close()}. The numbers are written to {@code target/many-clients.txt}
 * and quoted in {@code client-java/README.md}. Counts, not timings, are asserted.
 */
class ManyClientsIT {

    static final int CLIENTS = Gateway.EXTRA_SUBSCRIBERS;

    private static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.shared(); // with subscribers s0..s199 and http webhooks to loopback allowed
    }

    /**
     * No HTTP client or executor injected (the default, what a desktop app does): the clients share
     * the process-wide default HTTP client (one selector thread for all) and its pool.
     */
    @Test
    void twoHundredClientsOnTheDefaults() throws Exception {
        // on Java 17 the default HTTP client, once created, stays for the next client: take it into the baseline
        gateway.client("s0").close();
        Snapshot before = Snapshot.idle();
        int selectorsBefore = selectors();
        List<ByonClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                ByonClient client = gateway.client("s" + i);
                clients.add(client);
                client.register(client.openWebSocketChannel(event -> { }));
            }
            Snapshot held = Snapshot.take();
            report("defaults (shared process-wide HttpClient)", before, held);
            assertThat(selectors() - selectorsBefore).as("HttpClient selector threads added by 200 default clients")
                    .isLessThanOrEqualTo(1);
            assertThat(held.threads - before.threads).as("threads of 200 default clients").isLessThanOrEqualTo(CLIENTS / 10);
        } finally {
            clients.forEach(ByonClient::close);
        }
        // the closed clients are still referenced: no thread of theirs waits for the garbage collector
        Snapshot closed = Snapshot.settle(before.threads);
        report("  after close(), clients still referenced", before, closed);
        assertThat(closed.threads).as("live threads after close() of every client").isLessThanOrEqualTo(before.threads);
        clients.clear();
        report("  after close(), clients released", before, Snapshot.take());
    }

    /** @return the live selector threads of JDK HTTP clients */
    private static int selectors() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .count();
    }

    /** One HttpClient and one executor injected into every client: what a server holding many subscribers does. */
    @Test
    void twoHundredClientsSharingOneHttpClientAndExecutor() throws Exception {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        executor.prestartAllCoreThreads();
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
        http.send(HttpRequest.newBuilder(gateway.tokenUrl).GET().build(), HttpResponse.BodyHandlers.discarding());
        try {
            Snapshot before = Snapshot.take();
            List<ByonClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    ByonClient client = ByonClient.builder().apiRoot(gateway.apiRoot).httpClient(http).executor(executor)
                            .tokenSource(TokenSource.clientCredentials(gateway.tokenUrl, "s" + i, "s" + i + "-secret"))
                            .build();
                    clients.add(client);
                    client.register(client.openWebSocketChannel(event -> { }));
                }
                Snapshot held = Snapshot.take();
                report("one shared HttpClient + executor (8 threads)", before, held);
                assertThat(held.threads - before.threads).as("threads of 200 clients sharing one HttpClient: the timer")
                        .isLessThanOrEqualTo(1);
            } finally {
                clients.forEach(ByonClient::close);
            }
            clients.clear();
            Snapshot closed = Snapshot.settle(before.threads);
            report("  after close()", before, closed);
            assertThat(closed.threads).as("live threads after close() of every client").isLessThanOrEqualTo(before.threads);
        } finally {
            executor.shutdownNow();
        }
    }

    private static void report(String label, Snapshot before, Snapshot now) throws Exception {
        String line = String.format("%s: %d clients, threads %d -> %d (%+.1f per client), heap %.1f MiB -> %.1f MiB (%+.1f KiB per client)%n",
                label, CLIENTS, before.threads, now.threads, (now.threads - before.threads) / (double) CLIENTS,
                before.heap / 1048576.0, now.heap / 1048576.0, (now.heap - before.heap) / 1024.0 / CLIENTS);
        System.out.print(line);
        Path out = Path.of("target", "many-clients.txt");
        Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Live threads and used heap after a full GC. */
    record Snapshot(int threads, long heap) {
        static Snapshot take() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return new Snapshot(ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        /** Waits (up to 15 s) until the default pool's idle threads ({@code byon-N}) have ended, then takes one. */
        static Snapshot idle() {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(t -> t.isAlive() && t.getName().matches("byon-[0-9]+")));
            return take();
        }

        /** Takes snapshots for up to 10 s until the thread count is back to {@code target}. */
        static Snapshot settle(int target) {
            try {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> take().threads <= target);
            } catch (ConditionTimeoutException stillAlive) {
                // reported (and asserted) by the caller
            }
            return take();
        }
    }
}
