package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.byon.conformance.webhook.ReceiverTls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transforming https proxy between the gateway and the suite's webhook receiver (the receiver's
 * {@code webhook.publicUrl}, {@code https://127.0.0.1:P/{port}}), for the self-tests. Each change is
 * one the contract and the RFCs it cites allow, so the webhook tests must still PASS: the
 * {@code Authorization} scheme written {@code bearer} and {@code BEARER} by turns (auth schemes are
 * case-insensitive, RFC 9110 11.1), and CloudEvents extension attributes added to every event
 * (CloudEvents 1.0 3.1: consumers accept extensions they do not know). Serves the certificate of
 * the receiver's key store, which the gateway already trusts. Thread-safe.
 */
final class WebhookVariationProxy implements AutoCloseable {
    /** Extension attributes added to each event (lower-case alphanumeric names, CloudEvents 1.0 3.1.1). */
    static final Map<String, String> EXTENSIONS = Map.of("byonvariation", "an extension byon.yaml does not name",
            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host", "expect", "upgrade", "keep-alive");

    private final HttpsServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "webhook-variation-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    final AtomicInteger lowerCaseScheme = new AtomicInteger();
    final AtomicInteger upperCaseScheme = new AtomicInteger();
    final AtomicInteger extended = new AtomicInteger();
    private final AtomicInteger turn = new AtomicInteger();

    WebhookVariationProxy(Path keyStore) throws Exception {
        ReceiverTls tls = ReceiverTls.of(keyStore, ReceiverTls.GENERATED_PASSWORD);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, ReceiverTls.GENERATED_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(5)).build();
        server.start();
    }

    /** The receiver's {@code webhook.publicUrl}: the receiver's own port is the first path segment. */
    String publicUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/{port}";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            int slash = path.indexOf('/', 1);
            String port = slash < 0 ? path.substring(1) : path.substring(1, slash);
            String rest = slash < 0 ? "/" : path.substring(slash);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + rest)).timeout(Duration.ofSeconds(10))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(vary(body)));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (String v : h.getValue()) {
                    b.header(h.getKey(), h.getKey().equalsIgnoreCase("Authorization") ? recase(v) : v);
                }
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (Exception e) {
                ex.sendResponseHeaders(502, -1);
                return;
            }
            r.headers().firstValue("x-correlator").ifPresent(c -> ex.getResponseHeaders().add("x-correlator", c));
            ex.sendResponseHeaders(r.statusCode(), -1);
        }
    }

    /** {@code Bearer x} as {@code bearer x} and {@code BEARER x} by turns. */
    private String recase(String authorization) {
        int sp = authorization.indexOf(' ');
        if (sp <= 0) {
            return authorization;
        }
        boolean lower = turn.getAndIncrement() % 2 == 0;
        (lower ? lowerCaseScheme : upperCaseScheme).incrementAndGet();
        String scheme = authorization.substring(0, sp);
        return (lower ? scheme.toLowerCase(Locale.ROOT) : scheme.toUpperCase(Locale.ROOT)) + authorization.substring(sp);
    }

    /** The event (or each event of an array) with the extension attributes added. */
    private byte[] vary(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        boolean changed = false;
        for (JsonNode n : tree.isArray() ? tree : List.of(tree)) {
            if (n instanceof ObjectNode o && o.has("specversion")) {
                EXTENSIONS.forEach(o::put);
                changed = true;
            }
        }
        if (!changed) {
            return body;
        }
        extended.incrementAndGet();
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
