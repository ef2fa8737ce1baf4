package org.byon.conformance.cli;

import org.byon.conformance.tests.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listPrintsEveryId() {
        assertThat(run("list")).isZero();
        Catalogue.all().forEach(t -> assertThat(out()).contains(t.id()));
    }

    @Test
    void explainNamesTheRequirement() {
        assertThat(run("explain", "BYON-CALL-IN-002")).isZero();
        assertThat(out()).contains("#/components/schemas/VoiceSessionReason").contains("profile:     core");
        assertThat(run("explain", "BYON-NOPE-001")).isEqualTo(Main.USAGE);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("run")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--config");
        assertThat(run("frobnicate")).isEqualTo(Main.USAGE);
        assertThat(run("run", "--config", "builtin:reference-gateway", "--profile", "gold")).isEqualTo(Main.USAGE);
        assertThat(run("run", "--config", "builtin:reference-gateway", "--format", "pdf")).isEqualTo(Main.USAGE);
    }

    @Test
    void aBrokenConfigExitsTwoNamingTheProblem(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("broken.yaml");
        Files.writeString(cfg, "apiRoot: not-a-url\nsubscribers:\n  A: {phoneNumber: '+447700900001', token: x}\n");
        assertThat(run("check-config", cfg.toString())).isEqualTo(Main.USAGE);
        assertThat(err()).contains("apiRoot must be an absolute http(s) URL");
        assertThat(run("run", "--config", cfg.toString())).isEqualTo(Main.USAGE);
        assertThat(run("run", "--config", dir.resolve("missing.yaml").toString())).isEqualTo(Main.USAGE);
        assertThat(err()).contains("does not exist");
    }

    @Test
    void theBuiltInConfigChecksOut() {
        assertThat(run("check-config", "builtin:reference-gateway")).isZero();
        assertThat(out()).contains("config OK");
    }

    @Test
    void anUnreachableGatewayExitsThree(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run("run", "--config", "builtin:reference-gateway", "--api-root", "http://127.0.0.1:" + port + "/byon/v0.2",
                "--report-dir", dir.toString(), "--quiet")).isEqualTo(Main.ENVIRONMENT);
        assertThat(err()).contains("environment failure").contains("unreachable");
    }
}
