package org.byon.conformance.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends requests with {@link java.net.http.HttpClient}, records every exchange and validates
 * every response of the API against the contract. Thread-safe.
 */
public final class HttpDriver {
    private final HttpClient client;
    private final URI apiRoot;
    private final Contract contract;
    private final Duration timeout;

    public HttpDriver(HttpClient client, URI apiRoot, Contract contract, Duration timeout) {
        this.client = client;
        this.apiRoot = apiRoot;
        this.contract = contract;
        this.timeout = timeout;
    }

    public HttpClient client() {
        return client;
    }

    /** The same driver over another client (e.g. one whose connections no other test shares). */
    public HttpDriver withClient(HttpClient other) {
        return new HttpDriver(other, apiRoot, contract, timeout);
    }

    public URI apiRoot() {
        return apiRoot;
    }

    /** Sends the request; a target starting with {@code /} is relative to the API root. Never throws for HTTP failures. */
    public Exchange send(Req req) {
        String url = req.target.startsWith("/") ? apiRoot + req.target : req.target;
        String apiPath = null;
        String root = apiRoot.toString();
        if (url.startsWith(root + "/")) {
            apiPath = url.substring(root.length());
            int q = apiPath.indexOf('?');
            if (q >= 0) {
                apiPath = apiPath.substring(0, q);
            }
        }
        Map<String, List<String>> reqHeaders = new LinkedHashMap<>();
        req.headers.forEach((k, v) -> reqHeaders.put(k, List.of(v)));
        if (req.correlator && req.headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("x-correlator"))) {
            reqHeaders.put("x-correlator", List.of("byon-ct-" + UUID.randomUUID()));
        }
        if (req.body != null && reqHeaders.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("accept"))) {
            reqHeaders.put("Accept", List.of("application/json"));
        }
        HttpRequest.BodyPublisher publisher = req.body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(req.body, StandardCharsets.UTF_8);
        Instant sent = Instant.now();
        long t0 = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(req.method, publisher);
            reqHeaders.forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
            HttpResponse<String> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Exchange ex = new Exchange(req.method, url, apiPath, reqHeaders, req.body, resp.statusCode(),
                    resp.headers().map(), resp.body(), sent, ms, null);
            if (apiPath != null) {
                ex.addViolations(contract.validateResponse(req.method, URI.create(url).getPath(), resp.statusCode(),
                        resp.headers().map(), resp.body()));
            }
            return ex;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(req, url, apiPath, reqHeaders, sent, t0, "interrupted");
        } catch (Exception e) {
            return failed(req, url, apiPath, reqHeaders, sent, t0, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static Exchange failed(Req req, String url, String apiPath, Map<String, List<String>> headers, Instant sent,
                                   long t0, String error) {
        return new Exchange(req.method, url, apiPath, headers, req.body, 0, Map.of(), null, sent,
                (System.nanoTime() - t0) / 1_000_000, error);
    }
}
