package org.byon.conformance.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The suite's own webhook receiver (JDK {@code com.sun.net.httpserver}). Each test gets its own
 * {@link Hook} (a unique path); a hook records every POST and can answer 500 to the first
 * deliveries to force the gateway to retry. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String publicBase;
    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server, String publicBase) {
        this.server = server;
        this.publicBase = publicBase;
    }

    /**
     * @param publicUrl the URL the gateway must use, {@code {port}} replaced by the bound port; null: http://bind:port
     */
    public static WebhookReceiver start(String bindAddress, int port, String publicUrl) throws IOException {
        return start(bindAddress, port, publicUrl, null);
    }

    /**
     * @param tls null: plain http; else the receiver serves https with this identity (the default public
     *            URL is then {@code https://bind:port})
     */
    public static WebhookReceiver start(String bindAddress, int port, String publicUrl, ReceiverTls tls) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(bindAddress, port), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
            server = https;
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "byon-webhook");
            t.setDaemon(true);
            return t;
        }));
        int bound = server.getAddress().getPort();
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        String base = publicUrl == null ? (tls == null ? "http://" : "https://") + host + ":" + bound : publicUrl.replace("{port}", String.valueOf(bound));
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        WebhookReceiver r = new WebhookReceiver(server, base);
        server.createContext("/", r::handle);
        server.start();
        return r;
    }

    public String publicBase() {
        return publicBase;
    }

    /** A new receiving path that answers 500 to its first {@code failFirst} deliveries, then 204. */
    public Hook newHook(int failFirst) {
        return newHook(failFirst, 500);
    }

    /** A new receiving path that answers {@code failStatus} (e.g. 410 Gone) to its first {@code failFirst} deliveries, then 204. */
    public Hook newHook(int failFirst, int failStatus) {
        String path = "/byon-hooks/" + UUID.randomUUID();
        Hook h = new Hook(publicBase + path, failFirst, failStatus);
        hooks.put(path, h);
        return h;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Hook h = hooks.get(ex.getRequestURI().getPath());
            if (h == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            int status = h.record(ex.getRequestMethod(), headers, body);
            String corr = ex.getRequestHeaders().getFirst("x-correlator");
            if (corr != null) {
                ex.getResponseHeaders().add("x-correlator", corr);
            }
            ex.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService es) {
            es.shutdownNow();
        }
    }

    /** One delivery as received. */
    public record Delivery(String method, Map<String, String> headers, String body, JsonNode json, Instant at, int answered) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }
    }

    /** One receiving URL. */
    public static final class Hook {
        private final String url;
        private final int failFirst;
        private final int failStatus;
        private final List<Delivery> deliveries = new ArrayList<>();

        Hook(String url, int failFirst, int failStatus) {
            this.url = url;
            this.failFirst = failFirst;
            this.failStatus = failStatus;
        }

        public String url() {
            return url;
        }

        synchronized int record(String method, Map<String, String> headers, String body) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (Exception e) {
                json = JSON.missingNode();
            }
            int status = deliveries.size() < failFirst ? failStatus : 204;
            deliveries.add(new Delivery(method, headers, body, json == null ? JSON.missingNode() : json, Instant.now(), status));
            notifyAll();
            return status;
        }

        public synchronized List<Delivery> deliveries() {
            return List.copyOf(deliveries);
        }

        /** Waits until a delivery matches, in arrival order. */
        public synchronized Optional<Delivery> await(Predicate<Delivery> match, Duration timeout) {
            return awaitN(match, 1, timeout).stream().findFirst();
        }

        /** Waits until {@code n} deliveries match; returns the matching ones received by the deadline. */
        public synchronized List<Delivery> awaitN(Predicate<Delivery> match, int n, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<Delivery> found = deliveries.stream().filter(match).toList();
                long left = deadline - System.nanoTime();
                if (found.size() >= n || left <= 0) {
                    return found;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return found;
                }
            }
        }
    }
}
