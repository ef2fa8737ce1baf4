package org.byon.conformance.selftest;

import org.byon.conformance.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byon.conformance.selftest.SharedGateway.JSON;
import static org.byon.conformance.selftest.SuiteSelfTestIT.NOT_APPLICABLE_HERE;

/**
 * Exactly as strict as the contract (issue 12, item 4): conformant variations of the gateway's answers, events
 * and webhook deliveries, played by {@link VariationProxy} and {@link WebhookVariationProxy}, all PASS.
 */
@ExtendWith(SharedGateway.class)
class VariationSelfTestIT {
    /** The webhook tests (their deliveries pass through {@link WebhookVariationProxy}). */
    static final Set<String> WEBHOOK_IDS = SetupSelfTestIT.WEBHOOK_IDS;

    /**
     * Exactly as strict as the contract: through {@link VariationProxy} (extra properties in every JSON
     * object, keys reversed, {@code \/} and {@code \u0061} escapes, extra headers, header names in another
     * case) and, for the event frames, {@link WebSocketVariationRelay} (CloudEvents extension attributes,
     * attributes reversed, extra properties in {@code data}, the same escapes) every test still passes. The body-framing tests are left out: the proxy's JDK client cannot
     * forward the malformed requests they send, as in scripts/prism-judge.sh.
     */
    @Test
    void conformantVariationsOfTheGatewaysAnswersAllPass() throws Exception {
        try (WebSocketVariationRelay relay = new WebSocketVariationRelay(SharedGateway.gateway().base());
             VariationProxy proxy = new VariationProxy(SharedGateway.gateway().base()).viaWebSocketRelay(relay)) {
            Path dir = SharedGateway.reports().resolve("variations");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("run", "--config", "builtin:reference-gateway",
                    "--api-root", proxy.origin() + "/byon/v0.2", "--auth-origin", SharedGateway.gateway().base(), "--profile", "full",
                    "--report-dir", dir.toString(), "--format", "console,json", "--quiet",
                    "--webhook-keystore", SharedGateway.gateway().webhookKeyStore().toString()));
            for (String id : BODY_FRAMING) {
                args.addAll(List.of("--exclude", id));
            }
            // the flood of BYON-ERR-009 measures the gateway's rate limit, not the meaning of its answers, and the proxy
            // (a JDK HttpServer) forwards only about 100 requests/s, the declared rate: the test would be INCONCLUSIVE
            args.addAll(List.of("--exclude", "BYON-ERR-009"));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    args.toArray(String[]::new));
            assertThat(dir.resolve("byon-conformance.json")).as(err.toString(StandardCharsets.UTF_8)).exists();
            Set<String> notPassing = new TreeSet<>();
            JSON.readTree(dir.resolve("byon-conformance.json").toFile()).path("tests").forEach(t -> {
                String v = t.path("verdict").asText();
                if (!Set.of("PASS", "EXCLUDED").contains(v) && !NOT_APPLICABLE_HERE.containsKey(t.path("id").asText())) {
                    notPassing.add(t.path("id").asText() + "=" + v + " " + t.path("message").asText() + " " + t.path("failures"));
                }
            });
            assertThat(notPassing).as(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(code).isZero();
            assertThat(proxy.transformed.get()).as("JSON answers the proxy varied").isGreaterThan(200);
            assertThat(relay.varied.get()).as("event frames the WebSocket relay varied").isGreaterThan(100);
            assertThat(relay.closesRelayed.get()).as("close codes of the gateway passed on").isPositive();
        }
    }

    /**
     * Conformant variations of webhook deliveries, through {@link WebhookVariationProxy} as the receiver's
     * publicUrl: the Authorization scheme as {@code bearer} and {@code BEARER}, CloudEvents extension
     * attributes in every event. The webhook tests and the run-wide event check must all PASS.
     */
    @Test
    void conformantVariationsOfWebhookDeliveriesAllPass() throws Exception {
        try (WebhookVariationProxy proxy = new WebhookVariationProxy(SharedGateway.gateway().webhookKeyStore())) {
            Path cfg = Files.createTempFile("byon-hook-proxy", ".yaml");
            try (var in = Main.class.getResourceAsStream("/byon-conformance/reference-gateway.yaml")) {
                String ref = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String edited = ref.replaceFirst("(?m)^  # publicUrl: .*$", "  publicUrl: " + proxy.publicUrl().replace("$", "\\$"));
                assertThat(edited).as("the reference config names publicUrl").isNotEqualTo(ref);
                Files.writeString(cfg, edited);
            }
            Path dir = SharedGateway.reports().resolve("webhook-variations");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("run", "--config", cfg.toString(), "--api-root", SharedGateway.gateway().apiRoot(),
                    "--profile", "full", "--report-dir", dir.toString(), "--format", "console,json", "--quiet",
                    "--webhook-keystore", SharedGateway.gateway().webhookKeyStore().toString(), "--include", "BYON-EVT-008"));
            WEBHOOK_IDS.forEach(id -> args.addAll(List.of("--include", id)));
            int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                    args.toArray(String[]::new));
            Map<String, String> verdicts = new java.util.TreeMap<>();
            JSON.readTree(dir.resolve("byon-conformance.json").toFile()).path("tests").forEach(t -> {
                if (!t.path("verdict").asText().equals("EXCLUDED")) {
                    verdicts.put(t.path("id").asText(), t.path("verdict").asText());
                }
            });
            assertThat(verdicts).as(out.toString(StandardCharsets.UTF_8)).hasSize(WEBHOOK_IDS.size() + 1).allSatisfy((id, v) -> assertThat(v).isEqualTo("PASS"));
            assertThat(code).isZero();
            assertThat(proxy.lowerCaseScheme.get()).as("deliveries with scheme 'bearer'").isPositive();
            assertThat(proxy.upperCaseScheme.get()).as("deliveries with scheme 'BEARER'").isPositive();
            assertThat(proxy.extended.get()).as("events with extension attributes").isPositive();
        }
    }

    /** The tests that send malformed bodies, which an HTTP client library cannot forward (see prism-judge.sh). */
    static final List<String> BODY_FRAMING = List.of("BYON-ERR-024", "BYON-ERR-029", "BYON-ERR-034", "BYON-ERR-039", "BYON-ERR-044", "BYON-ERR-049");

}
