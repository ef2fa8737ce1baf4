package org.byon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ...Async} variants hold no thread while their request is in flight: a gateway that
 * holds every {@code PUT .../status} until released receives all N of them although the client's
 * executor has two threads, and the client's live threads do not grow with N. The counts are
 * written to {@code target/async-threads.txt} and quoted in the README. Counts, not timings, are
 * asserted.
 */
class AsyncThreadsTest {

    static final String API = org.byon.client.internal.ApiBase.PATH;
    static final String SERVER_THREAD = "held-gateway-";

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private String apiRoot;

    @BeforeEach
    void startServer() throws IOException {
        AtomicInteger n = new AtomicInteger();
        serverThreads = Executors.newCachedThreadPool(r -> new Thread(r, SERVER_THREAD + n.incrementAndGet()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(serverThreads);
        server.createContext(API + "/voice/sessions/", this::handle);
        server.start();
        apiRoot = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** GET answers at once; PUT .../status is held until {@link #release}. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String id = path.substring((API + "/voice/sessions/").length()).replace("/status", "");
            String status = "Connected";
            if ("PUT".equals(exchange.getRequestMethod())) {
                exchange.getRequestBody().readAllBytes();
                held.incrementAndGet();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                status = "Hold";
            }
            byte[] body = """
                    {"voiceSessionId":"%s","racmSessionId":"rs-1","direction":"Outgoing","originatorAddress":"tel:+447700900001",
                     "receiverAddress":"tel:+447700900002","status":"%s","answer":{"sdp":"v=0 answer-%s"}}"""
                    .formatted(id, status, id).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Test
    void fiftyHoldsInFlightOnAnExecutorOfTwoThreads() throws Exception {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        try (ByonClient client = ByonClient.builder().apiRoot(apiRoot).httpClient(http).executor(executor)
                .tokenSource(TokenSource.of(() -> "t")).build()) {
            inFlight(client, 50, "injected HttpClient + 2-thread executor");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void twoHundredHoldsInFlightOnTheDefaults() throws Exception {
        try (ByonClient client = ByonClient.builder().apiRoot(apiRoot).tokenSource(TokenSource.of(() -> "t")).build()) {
            inFlight(client, 200, "default HttpClient and pool");
        }
    }

    private void inFlight(ByonClient client, int n, String label) throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(client.findCall("vs-" + i).orElseThrow());
        }
        int before = clientThreads();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Call call : calls) {
            answers.add(call.holdAsync("v=0 offer a=sendonly"));
        }
        // a blocking implementation could have at most as many requests in flight as executor threads
        await().atMost(Duration.ofSeconds(30)).until(() -> held.get() == n);
        // pool threads that sent the requests end after their idle time (5 s) while the requests stay in flight
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> clientThreads() <= before + 2);
        } catch (org.awaitility.core.ConditionTimeoutException stillThere) {
            // asserted below
        }
        int during = clientThreads();
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        release.countDown();
        for (int i = 0; i < n; i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("v=0 answer-vs-" + i);
            assertThat(calls.get(i).status()).isEqualTo(CallStatus.HOLD);
        }
        String line = String.format("%s: %d async holds in flight, client-side threads %d -> %d (%+d)%n",
                label, n, before, during, during - before);
        System.out.print(line);
        Files.writeString(Path.of("target", "async-threads.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(during - before).as("threads added by %d requests in flight", n).isLessThanOrEqualTo(2);
    }

    /** Live threads of this JVM except the test gateway's. */
    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith(SERVER_THREAD))
                .count();
    }
}
