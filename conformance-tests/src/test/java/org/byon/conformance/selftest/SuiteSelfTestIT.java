package org.byon.conformance.selftest;

import org.byon.conformance.cli.Main;
import org.byon.conformance.cli.ReferenceGateway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import static org.byon.conformance.selftest.SharedGateway.gateway;
import static org.byon.conformance.selftest.SharedGateway.reports;

/**
 * The suite is itself tested (issue 5): against the reference gateway every test passes, and together with
 * the guarded gateway's run every cell of byon.yaml is covered or listed with its reason. The other self-tests,
 * by theme, share the same gateway ({@link SharedGateway}): {@link FaultSelfTestIT} (each fault fails exactly
 * the expected ids), {@link VariationSelfTestIT} (conformant variations all pass), {@link SetupSelfTestIT}
 * (the suite's own setup is never the gateway's failure; CLI exit codes). The CLI runs in-process.
 */
@ExtendWith(SharedGateway.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteSelfTestIT {
    /**
     * The tests that are NOT_APPLICABLE against the reference gateway as the self-test starts it, with the
     * reason they must give: the webhook URL guard is off in a test deployment. (BYON-RACM-010 runs: the
     * gateway starts with a 4 s disconnection grace period, see {@link ReferenceGateway}.)
     */
    static final Map<String, String> NOT_APPLICABLE_HERE = Map.of(
            "BYON-CHAN-010", "webhookUrlGuard: false",
            // its tokens live 10 minutes: BYON-RACM-011 runs in the guarded run, whose gateway issues 6 s tokens
            "BYON-RACM-011", "access tokens live",
            "BYON-RACM-012", "needs subscribers.D");

    @Test
    @Order(1)
    void theFullProfilePassesAgainstTheReferenceGateway() throws Exception {
        gateway().faults();
        long t0 = System.nanoTime();
        SharedGateway.Outcome o = SharedGateway.run("reference");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("full profile against the reference gateway: " + ms + " ms");
        assertThat(o.tests()).hasSizeGreaterThan(80).containsKeys("BYON-RACM-009", "BYON-EVT-012");
        Set<String> notPassing = new TreeSet<>();
        NOT_APPLICABLE_HERE.forEach((id, why) -> {
            assertThat(o.tests().get(id).path("verdict").asText()).as(id).isEqualTo("NOT_APPLICABLE");
            assertThat(o.tests().get(id).path("message").asText()).as(id).contains(why);
        });
        o.tests().forEach((id, t) -> {
            if (!t.path("verdict").asText().equals("PASS") && !NOT_APPLICABLE_HERE.containsKey(id)) {
                notPassing.add(id + "=" + t.path("verdict").asText() + " " + t.path("message").asText());
            }
        });
        assertThat(notPassing).as(o.stdout()).isEmpty();
        assertThat(o.exitCode()).isZero();
        String[] lines = o.stdout().strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("\\d+ passed, \\d+ failed, \\d+ skipped");
        assertThat(o.stdout()).contains("sha256 ");
        // the first run meets a cold gateway on a shared machine; warm runs are measured in docs/conformance.md
        assertThat(ms).as("a full run against the local gateway").isLessThan(90_000);
    }

    /**
     * A second gateway with the production defaults (SSRF guard on) and 6 s access tokens: BYON-CHAN-010 sees
     * its 422, BYON-RACM-011 sees a registration end with ACCESS_TOKEN_EXPIRED. Both feed the coverage check.
     */
    @Test
    @Order(2)
    void aGatewayWithItsSsrfGuardOnAndShortTokensCoversWhatTheTestDeploymentCannot() throws Exception {
        Path cfg = SharedGateway.editedConfig("guarded", ref -> ref.replace("webhookUrlGuard: false", "webhookUrlGuard: true"));
        try (ReferenceGateway guarded = ReferenceGateway.start(Path.of(System.getProperty("byon.gateway.jar", "../server-stub/target/byon-gateway.jar")),
                Path.of("target", "selftest-gateway"), false, List.of("--byon.auth.token-ttl=6s"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                    "run", "--config", cfg.toString(), "--api-root", guarded.apiRoot(), "--auth-origin", guarded.base(), "--profile", "full",
                    "--include", "BYON-CHAN-010", "--include", "BYON-AUTH-001", "--include", "BYON-RACM-011", "--format", "console,json", "--quiet",
                    "--report-dir", reports().resolve("guarded").toString());
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
            // the other tests of the profile are reported as EXCLUDED (not run) and counted as skipped
            int others = org.byon.conformance.engine.Runner.plan(org.byon.conformance.tests.Catalogue.all(),
                    org.byon.conformance.engine.Profile.FULL, List.of(), List.of()).size() - 3;
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 not applicable, 0 inconclusive, " + others + " excluded")
                    .contains("3 passed, 0 failed, " + others + " skipped");
        }
    }

    /**
     * Two subscribers behind one client, as an operator's three-legged IdP serves them: alice and bob sign in through
     * the reference's public client {@code softphone} (authorization code + PKCE), and their tokens are given to the
     * suite as static tokens of subscribers A and D. BYON-RACM-012 then sees 403 INVALID_TOKEN_CONTEXT; its run feeds
     * the coverage check. (The reference config cannot do this itself: the suite signs in with client credentials.)
     */
    @Test
    @Order(3)
    void twoSubscribersOfOneClientCoverInvalidTokenContext() throws Exception {
        String base = gateway().base();
        String alice = SoftphoneLogin.accessToken(base, "alice", "alice-password");
        String bob = SoftphoneLogin.accessToken(base, "bob", "bob-password");
        Path cfg = Files.createTempFile("byon-shared-client", ".yaml");
        Files.writeString(cfg, String.join("\n",
                "apiRoot: " + gateway().apiRoot(),
                "subscribers:",
                "  A:",
                "    phoneNumber: \"+447700900001\"",
                "    token: " + alice,
                "  D:",
                "    phoneNumber: \"+447700900002\"",
                "    token: " + bob,
                "features:",
                "  channelTypes: [WebSocket]",
                "  minRegistrationExpiry: 2s",
                ""));
        SharedGateway.Outcome o = SharedGateway.execute(reports().resolve("shared-client"), "run", "--config", cfg.toString(),
                "--profile", "full", "--include", "BYON-RACM-012", "--report-dir", reports().resolve("shared-client").toString(),
                "--format", "console,json", "--quiet");
        assertThat(o.verdict("BYON-RACM-012")).as(o.stdout() + o.stderr()).isEqualTo("PASS");
        assertThat(o.stdout()).doesNotContain(alice).doesNotContain(bob); // static tokens are secrets: redacted
        assertThat(o.exitCode()).isZero();
    }

    /**
     * The coverage check of the build: the reference run, the guarded run (BYON-CHAN-010's 422, BYON-RACM-011's
     * ACCESS_TOKEN_EXPIRED) and the shared-client run (BYON-RACM-012's INVALID_TOKEN_CONTEXT) together exercise every cell of byon.yaml that the exclusion list does not name, and check
     * every normative statement that statements.yaml does not list out/gap; no entry of either list is stale.
     */
    @Test
    @Order(4)
    void everyCellOfTheContractIsCoveredOrListedWithAReason() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "coverage", "--check", "--report", reports().resolve("reference").toString(), "--report", reports().resolve("guarded").toString(),
                "--report", reports().resolve("shared-client").toString());
        String text = out.toString(StandardCharsets.UTF_8);
        text.lines().filter(l -> l.startsWith("coverage: ") || l.startsWith("statements: ")).forEach(System.out::println);
        assertThat(text).doesNotContain("GAP      ").doesNotContain("STALE").contains("0 unlisted gaps, 0 stale exclusions")
                .contains("0 unlisted gaps, 0 mapping problems");
        assertThat(code).isZero();
    }
}
