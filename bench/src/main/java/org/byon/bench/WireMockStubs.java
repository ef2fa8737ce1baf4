package org.byon.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes WireMock mappings for exactly the throughput mix, answering the contract's own examples read from
 * byon.yaml: POST /channels (WebSocket) -> 201 WebSocketChannelResponse with Location; GET and DELETE of that
 * example's channelId -> 200 / 204; GET of any other channel id -> 404 GENERIC_404_NOT_FOUND. Every stub requires
 * a bearer token; without one the answer is 401. Paths keep the gateway's /byon/v0.2 prefix.
 */
final class WireMockStubs {
    private WireMockStubs() {
    }

    /** The contract, to resolve local {@code $ref}s (examples are references into components/examples). */
    private static Object root;

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object cur = deref(node);
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m) || !m.containsKey(p)) {
                throw new IllegalStateException("byon.yaml has no " + String.join("/", path));
            }
            cur = deref(((Map<String, Object>) m).get(p));
        }
        return cur;
    }

    /** @return the target of a local {@code $ref} ({@code #/a/b}), else the node itself */
    @SuppressWarnings("unchecked")
    static Object deref(Object node) {
        for (int hops = 0; hops < 8 && node instanceof Map<?, ?> m && m.get("$ref") instanceof String ref
                && ref.startsWith("#/") && root != null; hops++) {
            Object cur = root;
            for (String p : ref.substring(2).split("/")) {
                cur = cur instanceof Map<?, ?> c ? ((Map<String, Object>) c).get(p.replace("~1", "/").replace("~0", "~")) : null;
            }
            if (cur == null) {
                throw new IllegalStateException("byon.yaml has no " + ref);
            }
            node = cur;
        }
        return node;
    }

    static void write(Args a) throws IOException {
        Object doc;
        try (Reader r = Files.newBufferedReader(Path.of(a.req("contract")))) {
            LoaderOptions opts = new LoaderOptions();
            opts.setCodePointLimit(50 * 1024 * 1024);
            doc = new Yaml(new SafeConstructor(opts)).load(r);
        }
        root = doc;
        Object channel = at(doc, "components", "examples", "WebSocketChannelResponse", "value");
        Object notFound = at(doc, "components", "responses", "Generic404", "content", "application/json", "examples",
                "GENERIC_404_NOT_FOUND", "value");
        Object unauth = firstExampleValue(at(doc, "components", "responses", "Generic401", "content",
                "application/json", "examples"));
        String id = String.valueOf(at(channel, "channelId"));
        String location = String.valueOf(at(channel, "resourceURL"));
        String prefix = a.str("prefix", "/byon/v0.2");

        Path dir = Path.of(a.req("dir"), "mappings");
        Files.createDirectories(dir);
        Map<String, Object> bearer = Map.of("Authorization", Map.of("matches", "Bearer .+"));

        stub(dir, "1-create-channel", 1, Map.of(
                "method", "POST", "urlPath", prefix + "/channels", "headers", bearer,
                "bodyPatterns", List.of(Map.of("matchesJsonPath", "$[?(@.channelType == 'WebSocket')]"))),
                response(201, channel, "Location", location));
        stub(dir, "2-get-channel", 1, Map.of(
                "method", "GET", "urlPath", prefix + "/channels/" + id, "headers", bearer),
                response(200, channel));
        stub(dir, "3-delete-channel", 1, Map.of(
                "method", "DELETE", "urlPath", prefix + "/channels/" + id, "headers", bearer),
                Map.of("status", 204));
        stub(dir, "4-get-missing-channel", 5, Map.of(
                "method", "GET", "urlPathPattern", prefix + "/channels/[A-Za-z0-9_-]+", "headers", bearer),
                response(404, notFound));
        stub(dir, "9-unauthenticated", 10, Map.of("method", "ANY", "urlPathPattern", prefix + "/.*"),
                response(401, unauth));
    }

    @SuppressWarnings("unchecked")
    private static Object firstExampleValue(Object examples) {
        Map<String, Object> m = (Map<String, Object>) examples;
        return ((Map<String, Object>) deref(m.values().iterator().next())).get("value");
    }

    private static Map<String, Object> response(int status, Object body, String... headers) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", status);
        r.put("headers", h);
        r.put("jsonBody", body);
        return r;
    }

    private static void stub(Path dir, String name, int priority, Map<String, Object> request,
                             Map<String, Object> response) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("priority", priority);
        m.put("request", request);
        m.put("response", response);
        Files.writeString(dir.resolve(name + ".json"), Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
    }
}
