package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import org.byon.conformance.cli.Main;
import org.byon.conformance.junit.ByonConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.byon.conformance.selftest.SharedGateway.JSON;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The suite never blames a gateway for its own setup (issue 12, item 3): a webhook receiver on plain http, a
 * timeout shorter than the gateway declares, a subscriber the IdP does not know, a token without
 * {@code phone_number} are reported as INCONCLUSIVE or a configuration/environment error with the documented
 * exit code and the fix in words, never as FAIL. Also the CLI's exit codes for a broken config (2) and an
 * unreachable gateway (3), one subscriber only, and the JUnit Platform run.
 */
@ExtendWith(SharedGateway.class)
class SetupSelfTestIT {
    /** The webhook tests: with the receiver on plain http they are INCONCLUSIVE (the suite's setup), never FAIL. */
    static final Set<String> WEBHOOK_IDS = Set.of("BYON-CHAN-008", "BYON-EVT-006", "BYON-EVT-007");

    @Test
    void aPlainHttpReceiverIsTheSuitesSetupNotTheGatewaysFault() throws Exception {
        Path cfg = Files.createTempFile("byon-http-hook", ".yaml");
        try (var in = Main.class.getResourceAsStream("/byon-conformance/reference-gateway.yaml")) {
            Files.writeString(cfg, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("tls: true", "tls: false")
                    .replace("keyStore: ${BYON_WEBHOOK_KEYSTORE:-}", ""));
        }
        Path dir = SharedGateway.reports().resolve("http-receiver");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("run", "--config", cfg.toString(), "--api-root", SharedGateway.gateway().apiRoot(),
                "--profile", "full", "--report-dir", dir.toString(), "--format", "console,json", "--quiet"));
        WEBHOOK_IDS.forEach(id -> args.addAll(List.of("--include", id)));
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                args.toArray(String[]::new));
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        JSON.readTree(dir.resolve("byon-conformance.json").toFile()).path("tests").forEach(t -> tests.put(t.path("id").asText(), t));
        for (String id : WEBHOOK_IDS) {
            assertThat(tests.get(id).path("verdict").asText()).as(id + "\n" + out).isEqualTo("INCONCLUSIVE");
            assertThat(tests.get(id).path("message").asText()).contains("suite setup, not the gateway").contains("webhook.tls: true");
        }
        assertThat(code).as("INCONCLUSIVE, not NOT CONFORMANT").isEqualTo(3);
    }

    /** A timeout of the config shorter than the gateway declares is the suite's setup: INCONCLUSIVE with the fix, never FAIL. */
    @Test
    void aTimeoutShorterThanTheGatewayDeclaresIsTheSuitesSetup() throws Exception {
        Path cfg = Files.createTempFile("byon-short-timeout", ".yaml");
        try (var in = Main.class.getResourceAsStream("/byon-conformance/reference-gateway.yaml")) {
            String ref = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String edited = ref.replaceFirst("registrationExpiry: 10s", "registrationExpiry: 2s");
            assertThat(edited).isNotEqualTo(ref);
            Files.writeString(cfg, edited);
        }
        Path dir = SharedGateway.reports().resolve("short-timeout");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "run", "--config", cfg.toString(), "--api-root", SharedGateway.gateway().apiRoot(), "--profile", "full", "--include", "BYON-RACM-009",
                "--report-dir", dir.toString(), "--format", "console,json", "--quiet", "--webhook-keystore", SharedGateway.gateway().webhookKeyStore().toString());
        JsonNode t = null;
        for (JsonNode x : JSON.readTree(dir.resolve("byon-conformance.json").toFile()).path("tests")) {
            if (x.path("id").asText().equals("BYON-RACM-009")) {
                t = x;
            }
        }
        assertThat(t).isNotNull();
        assertThat(t.path("verdict").asText()).as(out.toString(StandardCharsets.UTF_8)).isEqualTo("INCONCLUSIVE");
        assertThat(t.path("message").asText()).contains("suite setup, not the gateway").contains("raise timeouts.registrationExpiry");
        assertThat(code).as("INCONCLUSIVE, not NOT CONFORMANT").isEqualTo(3);
    }

    @Test
    void withOneSubscriberTheTestsNeedingBAreNotApplicableAndTheReportSaysSo() throws Exception {
        String ref;
        try (var in = Main.class.getResourceAsStream("/byon-conformance/reference-gateway.yaml")) {
            ref = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path cfg = Files.createTempFile("byon-one", ".yaml");
        Files.writeString(cfg, ref.substring(0, ref.indexOf("  B:\n")) + ref.substring(ref.indexOf("externalNumbers:")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "run", "--config", cfg.toString(), "--api-root", SharedGateway.gateway().apiRoot(), "--profile", "core", "--include", "SEC",
                "--include", "CALL-IN", "--include", "BYON-AUTH-001", "--format", "console", "--quiet");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("WARNING: only one subscriber (A) is configured").containsPattern("BYON-SEC-001\\s+NOT_APPLICABLE")
                .containsPattern("BYON-CALL-IN-001\\s+NOT_APPLICABLE").containsPattern("BYON-SEC-007\\s+PASS").containsPattern("BYON-AUTH-001\\s+PASS");
    }

    @Test
    void aBrokenConfigExitsTwoNamingTheProblem() throws Exception {
        Path cfg = Files.createTempFile("byon-broken", ".yaml");
        Files.writeString(cfg, "apiRoot: " + SharedGateway.gateway().apiRoot() + "\nsubscribers:\n  A: {phoneNumber: '+447700900001', clientId: alice}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8),
                "run", "--config", cfg.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("subscribers.A needs clientId and clientSecret");
    }

    @Test
    void anUnreachableGatewayExitsThree() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8),
                "run", "--config", "builtin:reference-gateway", "--api-root", "http://127.0.0.1:" + port + "/byon/v0.2", "--quiet",
                "--format", "console");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("environment failure");
    }

    @Test
    void theSameTestsRunOnTheJUnitPlatformWithAConfigFile() throws Exception {
        Path cfg = Files.createTempFile("byon-ref", ".yaml");
        try (var in = Main.class.getResourceAsStream("/byon-conformance/reference-gateway.yaml")) {
            Files.write(cfg, in.readAllBytes());
        }
        System.setProperty(ByonConformance.CONFIG, cfg.toString());
        System.setProperty("byon.conformance.apiRoot", SharedGateway.gateway().apiRoot());
        System.setProperty("byon.conformance.profile", "core");
        try {
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ByonConformance.class)).build(), listener);
            TestExecutionSummary s = listener.getSummary();
            StringBuilder failures = new StringBuilder();
            s.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException().getMessage()).append('\n'));
            assertThat(s.getTestsFailedCount()).as(failures.toString()).isZero();
            assertThat(s.getTestsSucceededCount()).isGreaterThan(40);
        } finally {
            System.clearProperty(ByonConformance.CONFIG);
            System.clearProperty("byon.conformance.apiRoot");
            System.clearProperty("byon.conformance.profile");
        }
    }
    /** A subscriber the IdP does not know (not provisioned): exit 3 with the fix in words, no test verdict at all. */
    @Test
    void aSubscriberThatIsNotProvisionedIsASetupProblemWithItsFix() throws Exception {
        Path cfg = SharedGateway.editedConfig("unprovisioned", ref -> ref.replace("clientId: carol", "clientId: byon-ct-unprovisioned"));
        Path dir = SharedGateway.reports().resolve("unprovisioned");
        SharedGateway.Outcome o = SharedGateway.execute(dir, "run", "--config", cfg.toString(), "--api-root", SharedGateway.gateway().apiRoot(),
                "--profile", "core", "--report-dir", dir.toString(), "--format", "console,json", "--quiet");
        assertThat(o.exitCode()).as(o.stdout() + o.stderr()).isEqualTo(3);
        assertThat(o.stderr()).contains("environment failure").contains("refused client 'byon-ct-unprovisioned' (subscriber C)")
                .contains("not a conformance failure of the gateway").contains("Fix: provision the subscriber +447700900003");
        assertThat(o.tests()).as("no verdict is given, FAIL least of all").isEmpty();
    }

    /**
     * A token endpoint whose tokens carry no {@code phone_number} (an IdP of the operator's not set up for BYON):
     * exit 3 naming the claim and the fix, never FAIL. The endpoint is a stub of the test, a correctly shaped
     * client-credentials answer with a JWT that has {@code sub} but no {@code phone_number}.
     */
    @Test
    void aTokenEndpointWithoutPhoneNumberIsASetupProblemWithItsFix() throws Exception {
        com.sun.net.httpserver.HttpServer idp = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"alice\",\"scope\":\"byon:channels:read\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[64]);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        idp.createContext("/token", ex -> {
            asked.incrementAndGet();
            byte[] body = ("{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":600}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        idp.start();
        try {
            Path cfg = SharedGateway.editedConfig("no-phone-number", ref -> ref.replace("tokenUrl: /oauth2/token",
                    "tokenUrl: http://127.0.0.1:" + idp.getAddress().getPort() + "/token"));
            Path dir = SharedGateway.reports().resolve("no-phone-number");
            SharedGateway.Outcome o = SharedGateway.execute(dir, "run", "--config", cfg.toString(), "--api-root", SharedGateway.gateway().apiRoot(),
                    "--profile", "core", "--report-dir", dir.toString(), "--format", "console,json", "--quiet");
            assertThat(asked.get()).as("the suite asked the stub IdP for a token").isPositive();
            assertThat(o.exitCode()).as(o.stdout() + o.stderr()).isEqualTo(3);
            assertThat(o.stderr()).contains("carries no phone_number claim").contains("not of the gateway")
                    .contains("Fix: configure the IdP to issue phone_number");
            assertThat(o.tests()).as("no verdict is given, FAIL least of all").isEmpty();
        } finally {
            idp.stop(0);
        }
    }
}
