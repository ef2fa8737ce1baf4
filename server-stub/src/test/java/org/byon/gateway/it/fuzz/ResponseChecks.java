package org.byon.gateway.it.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every response must be, counted: no 5xx; an error (4xx) is an {@code ErrorInfo} JSON body whose
 * {@code status} is the HTTP status; an {@code x-correlator} on every response; no Java class, package or stack
 * trace text in any body.
 */
public final class ResponseChecks {
    static final Pattern LEAK = Pattern.compile(
            "(org\\.byon|org\\.spring|springframework|org\\.apache|java\\.(lang|util|io|net)|jakarta\\.|tools\\.jackson"
                    + "|com\\.fasterxml|com\\.nimbusds|Exception|\\bat [a-z]+\\.[a-z]+|\\.java:\\d+|<html|<!doctype)",
            Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger noResponse = new AtomicInteger();
    final Map<String, AtomicInteger> byStatus = new TreeMap<>();
    final Map<String, AtomicInteger> violations = new TreeMap<>();
    final List<String> firstFailures = new ArrayList<>();
    final Map<String, AtomicInteger> created = new TreeMap<>();
    /** The first valid-mode requests that were not answered 2xx (printed: why a valid body was refused). */
    public final List<String> validMisses = new ArrayList<>();

    synchronized void record(FuzzRequest request, RawHttp.Response response) {
        requests.incrementAndGet();
        if (response.status() < 0) {
            noResponse.incrementAndGet();
            fail("no-response", request, response);
            return;
        }
        byStatus.computeIfAbsent(Integer.toString(response.status()), k -> new AtomicInteger()).incrementAndGet();
        if (response.status() >= 500) {
            fail("5xx", request, response);
        }
        String correlator = response.header("x-correlator");
        if (correlator == null || correlator.isEmpty()) {
            fail("missing-correlator", request, response);
        }
        if (LEAK.matcher(response.body()).find()) {
            fail("leaked-internals", request, response);
        }
        if (request.label().endsWith("[valid]") && response.status() >= 300 && validMisses.size() < 12) {
            validMisses.add(request + " -> " + response.status() + " " + response.body());
        }
        if (response.status() == 201) {
            created.computeIfAbsent(request.label().replaceAll("\\[.*", ""), k -> new AtomicInteger()).incrementAndGet();
        }
        boolean token = request.target().startsWith("/oauth2/token");
        if (response.status() >= 400 && !"HEAD".equals(request.method())
                && !(isErrorInfo(response) || token && isOAuthError(response))) {
            fail("not-error-info", request, response);
        }
    }

    /** RFC 6749 section 5.2: the token endpoint's errors are {@code {"error": ...}} JSON. */
    private static boolean isOAuthError(RawHttp.Response response) {
        try {
            JsonNode n = JSON.readTree(response.body());
            return n != null && n.isObject() && n.path("error").isTextual()
                    && String.valueOf(response.header("content-type")).startsWith("application/json");
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isErrorInfo(RawHttp.Response response) {
        try {
            JsonNode n = JSON.readTree(response.body());
            return n != null && n.isObject() && n.path("status").isInt() && n.path("status").asInt() == response.status()
                    && n.path("code").isTextual() && !n.path("code").asText().isEmpty()
                    && n.path("message").isTextual()
                    && String.valueOf(response.header("content-type")).startsWith("application/json");
        } catch (Exception e) {
            return false;
        }
    }

    private void fail(String kind, FuzzRequest request, RawHttp.Response response) {
        violations.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        if (firstFailures.size() < 15) {
            String body = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
            firstFailures.add(kind + ": " + request + " -> " + response.status() + " " + response.headers() + " " + body);
        }
    }

    /** 201 answers, all operations together. */
    public synchronized int created() {
        return created.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int requests() {
        return requests.get();
    }

    public synchronized Map<String, Integer> violations() {
        Map<String, Integer> out = new TreeMap<>();
        violations.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public synchronized List<String> firstFailures() {
        return List.copyOf(firstFailures);
    }

    int violationCount(String kind) {
        AtomicInteger n = violations.get(kind);
        return n == null ? 0 : n.get();
    }

    public synchronized String summary() {
        return "requests=" + requests + " statuses=" + byStatus + " no-response=" + noResponse
                + " created=" + created + " violations=" + violations;
    }
}
