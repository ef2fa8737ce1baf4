package org.byon.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response as the suite saw them (unredacted; redact before printing),
 * with the contract violations found in the response. Immutable except for the violation list,
 * which is filled once after validation.
 */
public final class Exchange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String url;
    private final String apiPath;
    private final Map<String, List<String>> requestHeaders;
    private final String requestBody;
    private final int status;
    private final Map<String, List<String>> responseHeaders;
    private final String responseBody;
    private final Instant sentAt;
    private final long millis;
    private final String transportError;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile JsonNode json;

    public Exchange(String method, String url, String apiPath, Map<String, List<String>> requestHeaders, String requestBody,
                    int status, Map<String, List<String>> responseHeaders, String responseBody, Instant sentAt, long millis,
                    String transportError) {
        this.method = method;
        this.url = url;
        this.apiPath = apiPath;
        this.requestHeaders = requestHeaders;
        this.requestBody = requestBody;
        this.status = status;
        this.responseHeaders = responseHeaders;
        this.responseBody = responseBody;
        this.sentAt = sentAt;
        this.millis = millis;
        this.transportError = transportError;
    }

    /**
     * This exchange with request header values and body longer than {@code max} characters cut (the evidence of
     * a test that sends a 128 KB body or a 16 KB header need not carry it whole); the same violations, status and response.
     */
    public Exchange abbreviated(int max) {
        boolean longHeader = requestHeaders.values().stream().flatMap(List::stream).anyMatch(v -> v != null && v.length() > max);
        if (!longHeader && (requestBody == null || requestBody.length() <= max)) {
            return this;
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        requestHeaders.forEach((k, vs) -> headers.put(k, vs.stream().map(v -> cut(v, max)).toList()));
        Exchange copy = new Exchange(method, url, apiPath, headers, cut(requestBody, max), status, responseHeaders, responseBody,
                sentAt, millis, transportError);
        copy.violations.addAll(violations);
        return copy;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "... (" + s.length() + " characters in all)";
    }

    public String method() { return method; }
    public String url() { return url; }
    /** Path below the API root ({@code /channels/ch-1}), or null for a URL outside the API. */
    public String apiPath() { return apiPath; }
    public Map<String, List<String>> requestHeaders() { return requestHeaders; }
    public String requestBody() { return requestBody; }
    /** The HTTP status, or 0 when no response was received. */
    public int status() { return status; }
    public Map<String, List<String>> responseHeaders() { return responseHeaders; }
    public String responseBody() { return responseBody; }
    public Instant sentAt() { return sentAt; }
    public long millis() { return millis; }
    public Optional<String> transportError() { return Optional.ofNullable(transportError); }
    public List<String> violations() { return List.copyOf(violations); }

    void addViolations(List<String> v) {
        violations.addAll(v);
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    public Optional<String> requestHeader(String name) {
        for (Map.Entry<String, List<String>> e : requestHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The response body as JSON, or a missing node when it is absent or not JSON. */
    public JsonNode json() {
        JsonNode j = json;
        if (j == null) {
            try {
                j = responseBody == null || responseBody.isBlank() ? JSON.missingNode() : JSON.readTree(responseBody);
            } catch (Exception e) {
                j = JSON.missingNode();
            }
            json = j;
        }
        return j;
    }

    public String text(String field) {
        JsonNode n = json().path(field);
        return n.isValueNode() ? n.asText() : null;
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    public String summary() {
        return method + " " + (apiPath != null ? apiPath : url) + " -> " + (status == 0 ? "no response (" + transportError + ")" : status);
    }
}
