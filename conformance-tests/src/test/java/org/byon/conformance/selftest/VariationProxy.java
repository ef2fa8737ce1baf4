package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transforming HTTP proxy between the suite and the reference gateway for the self-tests: every
 * change it makes is one byon.yaml and the RFCs it cites allow, so the suite must still PASS
 * everything. On JSON responses: a property the schemas do not name added to every object
 * (byon.yaml sets no {@code additionalProperties: false}), keys in reverse order, every {@code /}
 * written {@code \/} and every {@code a} inside strings written {@code \u0061} (RFC 8259 7); on
 * every response: extra headers, header names in another case. WebSocket channel URLs are absolute URLs
 * of the gateway; with {@link #viaWebSocketRelay} they are rewritten to a {@link WebSocketVariationRelay},
 * which varies the event frames too. Thread-safe.
 */
final class VariationProxy implements AutoCloseable {
    /**
     * What the proxy does: {@link #CONFORMANT} the variations above (the suite must PASS); the others are
     * faults of a gateway's edge that the suite must catch (the suite must FAIL exactly the ids that check it).
     */
    enum Mode {
        CONFORMANT,
        /** A response cache keyed by URL alone: a 200 GET answer is served to every later caller (BOLA after the owner's read). */
        CALLER_BLIND_CACHE,
        /** Input the contract makes a 400 passes: an x-correlator outside its pattern is dropped, an over-long path id is cut. */
        LENIENT_INPUT,
        /** Scopes ignored: a token granting fewer than all of byon.yaml's scopes is swapped for a full one of the same client. */
        SCOPE_BLIND,
        /** A two-legged token (no phone_number) is taken for a default subscriber's: swapped for subscriber A's token. */
        SUBSCRIBER_DEFAULTED
    }

    record Cached(int status, Map<String, List<String>> headers, byte[] body) {
    }

    static final String EXTRA_PROPERTY = "xVariationExtra";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host", "expect",
            "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "variation-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String target;
    private final Mode mode;
    private final Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.regex.Pattern correlator = java.util.regex.Pattern.compile(
            org.byon.openapi.ByonContract.load().schema("XCorrelator").orElseThrow().path("pattern").asText());
    final AtomicInteger transformed = new AtomicInteger();
    /** Answers a fault mode changed (cache hits, dropped or cut input). */
    final AtomicInteger faulted = new AtomicInteger();

    /** @param targetOrigin e.g. {@code http://localhost:8080} */
    VariationProxy(String targetOrigin) throws IOException {
        this(targetOrigin, Mode.CONFORMANT);
    }

    VariationProxy(String targetOrigin, Mode mode) throws IOException {
        this(targetOrigin, mode, t -> t);
    }

    private final java.util.function.UnaryOperator<String> fullToken;

    /**
     * @param fullToken for {@link Mode#SCOPE_BLIND}: a token of the same client with every scope; for
     *                  {@link Mode#SUBSCRIBER_DEFAULTED}: the default subscriber's token
     */
    VariationProxy(String targetOrigin, Mode mode, java.util.function.UnaryOperator<String> fullToken) throws IOException {
        this.target = targetOrigin;
        this.mode = mode;
        this.fullToken = fullToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            try {
                handle(ex);
            } catch (IOException | RuntimeException e) {
                System.err.println("variation proxy: " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
                throw e;
            }
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private volatile WebSocketVariationRelay wsRelay;

    /** In {@link Mode#CONFORMANT}: the channelURLs of the gateway's answers are rewritten to lead to {@code relay}. */
    VariationProxy viaWebSocketRelay(WebSocketVariationRelay relay) {
        this.wsRelay = relay;
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String uri = ex.getRequestURI().toString();
            if (mode == Mode.CALLER_BLIND_CACHE) {
                // never invalidated: the tests run in parallel, and another test's write must not hide the fault
                if ("GET".equals(ex.getRequestMethod()) && cache.containsKey(uri)) {
                    faulted.incrementAndGet();
                    Cached c = cache.get(uri);
                    c.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, new ArrayList<>(v)));
                    ex.sendResponseHeaders(c.status(), c.body().length == 0 ? -1 : c.body().length);
                    if (c.body().length > 0) {
                        try (OutputStream os = ex.getResponseBody()) {
                            os.write(c.body());
                        }
                    }
                    return;
                }
            }
            String forwardUri = uri;
            if (mode == Mode.LENIENT_INPUT) {
                String q = ex.getRequestURI().getRawQuery();
                String path = java.util.Arrays.stream(ex.getRequestURI().getRawPath().split("/", -1))
                        .map(seg -> seg.length() > 256 ? seg.substring(0, 8) : seg).collect(java.util.stream.Collectors.joining("/"));
                forwardUri = path + (q == null ? "" : "?" + q);
                if (!forwardUri.equals(uri)) {
                    faulted.incrementAndGet();
                }
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + forwardUri))
                    .timeout(Duration.ofSeconds(30))
                    .method(ex.getRequestMethod(), body.length == 0 && !List.of("POST", "PUT").contains(ex.getRequestMethod())
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    for (String v : h.getValue()) {
                        if (mode == Mode.LENIENT_INPUT && h.getKey().equalsIgnoreCase("x-correlator") && !correlator.matcher(v).find()) {
                            faulted.incrementAndGet();
                            continue;
                        }
                        if (mode == Mode.SUBSCRIBER_DEFAULTED && h.getKey().equalsIgnoreCase("Authorization") && v.regionMatches(true, 0, "Bearer ", 0, 7)
                                && org.byon.conformance.engine.TokenClaims.claim(v.substring(7).strip(), org.byon.conformance.engine.TokenClaims.PHONE_NUMBER).isEmpty()) {
                            faulted.incrementAndGet();
                            v = "Bearer " + fullToken.apply(v.substring(7).strip());
                        }
                        if (mode == Mode.SCOPE_BLIND && h.getKey().equalsIgnoreCase("Authorization") && v.regionMatches(true, 0, "Bearer ", 0, 7)) {
                            String token = v.substring(7).strip();
                            List<String> granted = org.byon.conformance.engine.TokenClaims.scopes(token);
                            if (!granted.isEmpty() && !granted.containsAll(org.byon.openapi.ByonContract.load().scopes())) {
                                faulted.incrementAndGet();
                                v = "Bearer " + fullToken.apply(token);
                            }
                        }
                        try {
                            b.header(h.getKey(), v);
                        } catch (IllegalArgumentException ignored) {
                            // a header the JDK client refuses to send (the suite's negative tests): dropped
                        }
                    }
                }
            }
            HttpResponse<byte[]> r;
            try {
                HttpRequest request = b.build();
                try {
                    r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException stale) {
                    // a pooled connection the gateway closed after a 431 without saying so: the request never reached it
                    if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                        throw stale;
                    }
                    r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                }
            } catch (Exception e) {
                ex.sendResponseHeaders(502, -1);
                return;
            }
            String ct = r.headers().firstValue("content-type").orElse("");
            byte[] out = r.body();
            if (mode != Mode.CONFORMANT) {
                Map<String, List<String>> hs = new java.util.LinkedHashMap<>();
                r.headers().map().forEach((k, vs) -> {
                    if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                        hs.put(k, vs);
                    }
                });
                if (mode == Mode.CALLER_BLIND_CACHE && "GET".equals(ex.getRequestMethod()) && r.statusCode() == 200) {
                    cache.put(uri, new Cached(200, hs, out));
                }
                hs.forEach((k, vs) -> ex.getResponseHeaders().put(k, new ArrayList<>(vs)));
                boolean noBody = r.statusCode() == 204 || r.statusCode() == 304 || out.length == 0;
                ex.sendResponseHeaders(r.statusCode(), noBody ? -1 : out.length);
                if (!noBody) {
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(out);
                    }
                }
                return;
            }
            if (ct.toLowerCase(Locale.ROOT).contains("json") && out.length > 0) {
                String text = new String(out, StandardCharsets.UTF_8);
                WebSocketVariationRelay relay = wsRelay;
                if (relay != null) {
                    // channelURLs lead to the relay, which varies the frames (the credential in the path is kept)
                    text = text.replace(relay.gatewayWsOrigin() + "/", relay.origin() + "/");
                }
                out = vary(text).getBytes(StandardCharsets.UTF_8);
                transformed.incrementAndGet();
            }
            r.headers().map().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                    // the same header under another spelling of its name (field names are case-insensitive, RFC 9110 5.1)
                    String name = k.equals(k.toLowerCase(Locale.ROOT)) ? k.toUpperCase(Locale.ROOT) : k.toLowerCase(Locale.ROOT);
                    ex.getResponseHeaders().put(name, new ArrayList<>(vs));
                }
            });
            ex.getResponseHeaders().add("X-Variation-Proxy", "conformant variations applied");
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            boolean noBody = r.statusCode() == 204 || r.statusCode() == 304 || "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(r.statusCode(), noBody || out.length == 0 ? -1 : out.length);
            if (!noBody && out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** The conformant variations of one JSON text (unchanged when it is not JSON). */
    static String vary(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (Exception e) {
            return json;
        }
        return escape(transform(tree).toString());
    }

    static JsonNode transform(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            Collections.reverse(names);
            o.put(EXTRA_PROPERTY, "a property byon.yaml does not name");
            for (String k : names) {
                o.set(k, transform(n.get(k)));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JSON.createArrayNode();
            n.forEach(c -> a.add(transform(c)));
            return a;
        }
        return n;
    }

    /** Inside strings: {@code /} as {@code \/}, {@code a} as {@code \u0061} (both mean the same character). */
    static String escape(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString) {
                sb.append(c);
                inString = c == '"';
                continue;
            }
            if (c == '\\') {
                sb.append(c).append(json.charAt(++i));
            } else if (c == '"') {
                sb.append(c);
                inString = false;
            } else if (c == '/') {
                sb.append("\\/");
            } else if (c == 'a') {
                sb.append("\\u0061");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
