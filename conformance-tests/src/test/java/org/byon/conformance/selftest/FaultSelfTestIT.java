package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import org.byon.conformance.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byon.conformance.selftest.SharedGateway.JSON;

/**
 * With one fault switched on at a time (the gateway's own faults, docs/gateway.md, and faults of a gateway's
 * edge played by {@link VariationProxy}), exactly the expected ids fail and the run exits 1. The tests that
 * exhaust a subscriber's quota (tags {@code rate-limit}, {@code quota}) are left out of these runs: no fault
 * touches the limits, and each would add seconds to every one of them.
 */
@ExtendWith(SharedGateway.class)
class FaultSelfTestIT {
    /**
     * Fault (docs/gateway.md) -> the ids that must FAIL, and nothing else. BYON-ERR-005 and
     * BYON-EVT-008 are the run-wide checks (every response / every event valid against byon.yaml).
     */
    static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("no-correlator-echo", Set.of("BYON-ERR-001", "BYON-ERR-002", "BYON-ERR-060"));
        EXPECTED.put("no-location-header", Set.of("BYON-CHAN-001", "BYON-CHAN-008", "BYON-CHAN-009", "BYON-RACM-001", "BYON-CALL-OUT-001", "BYON-ERR-003", "BYON-ERR-005"));
        EXPECTED.put("create-returns-200", Set.of("BYON-CHAN-001", "BYON-CHAN-008", "BYON-CHAN-009", "BYON-RACM-001", "BYON-CALL-OUT-001", "BYON-CALL-OUT-013", "BYON-ERR-005"));
        EXPECTED.put("delete-returns-200", Set.of("BYON-CHAN-004", "BYON-RACM-004", "BYON-CALL-OUT-006", "BYON-CALL-OUT-007", "BYON-CALL-IN-005",
                "BYON-CALL-IN-006", "BYON-CALL-IN-008", "BYON-ERR-005", "BYON-EVT-061", "BYON-EVT-062"));
        // ERR-005 too: byon.yaml pins each error response's code (NotFoundError.code enum), so the wrong code
        // is also a response that does not conform
        // EVT-015/016 too: the channel a gone or failing receiver ended must answer 404 NOT_FOUND
        EXPECTED.put("wrong-error-code", Set.of("BYON-CHAN-004", "BYON-CHAN-005", "BYON-RACM-004", "BYON-RACM-005", "BYON-CALL-OUT-006",
                "BYON-ERR-004", "BYON-ERR-005", "BYON-EVT-015", "BYON-EVT-016", "BYON-SEC-001", "BYON-SEC-002", "BYON-SEC-003", "BYON-CALL-IN-060"));
        EXPECTED.put("schema-break-racm", Set.of("BYON-RACM-001", "BYON-RACM-002", "BYON-RACM-003", "BYON-ERR-005"));
        EXPECTED.put("bola-leak", Set.of("BYON-SEC-001", "BYON-SEC-002", "BYON-SEC-003", "BYON-SEC-004"));
        EXPECTED.put("spoofing-allowed", Set.of("BYON-SEC-007"));
        // the fault switches signature checking off altogether, so the expired token is accepted too
        EXPECTED.put("accept-unsigned-token", Set.of("BYON-AUTH-004", "BYON-AUTH-005", "BYON-AUTH-006"));
        // the fault answers 204 to every DELETE of an id the caller cannot see: unknown ids (ERR-004) and foreign ids (SEC-00x) too
        EXPECTED.put("double-delete-204", Set.of("BYON-CHAN-005", "BYON-RACM-005", "BYON-ERR-004", "BYON-SEC-001", "BYON-SEC-002", "BYON-SEC-003"));
        EXPECTED.put("state-machine-lax", Set.of("BYON-CALL-OUT-014", "BYON-CALL-IN-007"));
        EXPECTED.put("webhook-no-auth", Set.of("BYON-EVT-006"));
        // without retries a failing receiver gets one attempt and its channel never ends with DELIVERY_FAILED (EVT-016)
        EXPECTED.put("webhook-no-retry", Set.of("BYON-EVT-007", "BYON-EVT-016"));
        EXPECTED.put("event-sequence-gap", Set.of("BYON-EVT-002"));
        EXPECTED.put("event-missing-ringing", Set.of("BYON-CALL-OUT-003"));
        EXPECTED.put("event-wrong-order", Set.of("BYON-CALL-OUT-003"));
        EXPECTED.put("invalid-cloudevent", Set.of("BYON-EVT-001", "BYON-EVT-006", "BYON-EVT-008", "BYON-EVT-012"));
        EXPECTED.put("no-answered-elsewhere", Set.of("BYON-CALL-IN-002"));
        EXPECTED.put("busy-not-detected", Set.of("BYON-CALL-OUT-004"));
        // RACM-010 reads the CHANNEL_DISCONNECTED registration-ends from the replay of a reconnect with lastSequence=0
        EXPECTED.put("replay-ignored", Set.of("BYON-EVT-003", "BYON-EVT-060", "BYON-RACM-010"));
        // no registration-ends at all: neither on DELETE (EVT-004, mid-call EVT-013, and the push of it, EVT-012), nor on
        // deleting the channel (EVT-062), nor on expiry (RACM-009), nor after the disconnection grace period (RACM-010)
        EXPECTED.put("registration-ends-missing", Set.of("BYON-EVT-004", "BYON-EVT-012", "BYON-EVT-013", "BYON-EVT-062", "BYON-RACM-009", "BYON-RACM-010"));
        // a missing required field or a bad format answered 500 (method validation too since 1fdb01c, and so a malformed
        // x-correlator or path id: ERR-006); the channel
        // operations' cases arrive as other exceptions (unreadable or polymorphic bodies) and keep their 400
        EXPECTED.put("validation-500", Set.of("BYON-ERR-006", "BYON-ERR-030", "BYON-ERR-033", "BYON-ERR-040", "BYON-ERR-043", "BYON-ERR-045"));
    }

    /** Leaves out the tests that exhaust quotas (see the class comment). */
    static final String[] NO_QUOTA_TESTS = {"--exclude", "rate-limit", "--exclude", "quota"};

    /**
     * Faults of a gateway's edge, played by {@link VariationProxy} in a fault mode: each must FAIL exactly
     * the ids that check it, among the tests of the listed areas or ids.
     */
    static final Map<VariationProxy.Mode, Map<String, Set<String>>> PROXY_FAULTS = Map.of(
            // B's GET right after A's read is served A's copy; B's earlier GET (no cached copy yet) still gets 404
            VariationProxy.Mode.CALLER_BLIND_CACHE, Map.of("SEC", Set.of("BYON-SEC-001", "BYON-SEC-002", "BYON-SEC-003", "BYON-SEC-004")),
            VariationProxy.Mode.LENIENT_INPUT, Map.of("BYON-ERR-006", Set.of("BYON-ERR-006")),
            VariationProxy.Mode.SCOPE_BLIND, Map.of("BYON-AUTH-008", Set.of("BYON-AUTH-008")),
            VariationProxy.Mode.SUBSCRIBER_DEFAULTED, Map.of("BYON-AUTH-009", Set.of("BYON-AUTH-009")));

    /**
     * A token with every scope of the client that {@code token} was issued to (its {@code sub}), from the reference IdP;
     * for a client that serves no subscriber (the two-legged consumer), subscriber A's.
     */
    static String fullScopeToken(String token) {
        try {
            String sub = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
            org.byon.conformance.config.SuiteConfig cfg = org.byon.conformance.config.ConfigLoader.withSystemEnvironment()
                    .loadResource("/byon-conformance/reference-gateway.yaml");
            var s = cfg.subscribers().values().stream().filter(x -> x.clientId().orElse("").equals(sub)).findFirst()
                    .orElse(cfg.subscribers().get("A"));
            String basic = java.util.Base64.getEncoder().encodeToString((s.clientId().orElseThrow() + ":" + s.clientSecret().orElseThrow())
                    .getBytes(StandardCharsets.UTF_8));
            var resp = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(SharedGateway.gateway().base() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(resp.body()).path("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("cannot get a full-scope token: " + e, e);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachEdgeFaultOfTheProxyIsCaughtByExactlyTheExpectedIds() {
        return PROXY_FAULTS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue(), () -> {
            try (VariationProxy proxy = new VariationProxy(SharedGateway.gateway().base(), e.getKey(), FaultSelfTestIT::fullScopeToken)) {
                String include = e.getValue().keySet().iterator().next();
                Path dir = SharedGateway.reports().resolve("proxy-" + e.getKey().name().toLowerCase());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                        "run", "--config", "builtin:reference-gateway", "--api-root", proxy.origin() + "/byon/v0.2", "--auth-origin", SharedGateway.gateway().base(),
                        "--profile", "full", "--include", include, "--report-dir", dir.toString(), "--format", "console,json", "--quiet",
                        "--webhook-keystore", SharedGateway.gateway().webhookKeyStore().toString());
                Set<String> failing = new TreeSet<>();
                JSON.readTree(dir.resolve("byon-conformance.json").toFile()).path("tests").forEach(t -> {
                    if (Set.of("FAIL", "ERROR").contains(t.path("verdict").asText())) {
                        failing.add(t.path("id").asText());
                    }
                });
                assertThat(proxy.faulted.get()).as("the proxy played its fault").isPositive();
                assertThat(failing).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(new TreeSet<>(e.getValue().get(include)));
                assertThat(code).isEqualTo(1);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachFaultIsCaughtByExactlyTheExpectedIds() {
        return EXPECTED.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue(), () -> {
            try {
                SharedGateway.gateway().faults(e.getKey());
                SharedGateway.Outcome o = SharedGateway.run("fault-" + e.getKey(), NO_QUOTA_TESTS);
                assertThat(o.failing()).as("failing ids with fault " + e.getKey() + "\n" + o.stdout()).isEqualTo(new TreeSet<>(e.getValue()));
                assertThat(o.exitCode()).isEqualTo(1);
            } finally {
                SharedGateway.gateway().faults();
            }
        }));
    }

}
