package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.cli.Main;
import org.byon.conformance.cli.ReferenceGateway;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The one reference gateway the suite's self-tests share (faults, variations, setup, reference run): started by
 * the first self-test class that needs it, stopped when the whole test plan ends (JUnit's root store), so
 * splitting the self-tests by theme adds no gateway start. Also the helpers they share: a CLI run in-process
 * against it, the built-in reference config as text, an edited copy of it.
 */
final class SharedGateway implements BeforeAllCallback {
    static final ObjectMapper JSON = new ObjectMapper();
    private static ReferenceGateway gateway;
    private static Path reports;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedGateway.class) {
            if (gateway != null) {
                return;
            }
            ReferenceGateway g = ReferenceGateway.start();
            gateway = g;
            reports = Files.createDirectories(Path.of("target", "selftest-reports"));
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedGateway.class.getName(), new Stopper(g));
        }
    }

    /** Stops the gateway when the root store closes (both interfaces: older and newer JUnit 5 releases). */
    private record Stopper(ReferenceGateway g) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            synchronized (SharedGateway.class) {
                gateway = null;
            }
            g.close();
        }
    }

    static synchronized ReferenceGateway gateway() {
        if (gateway == null) {
            throw new IllegalStateException("no shared gateway: the test class needs @ExtendWith(SharedGateway.class)");
        }
        return gateway;
    }

    static synchronized Path reports() {
        return reports;
    }

    /** The outcome of one in-process CLI run: exit code, the JSON report's tests by id, console output. */
    record Outcome(int exitCode, Map<String, JsonNode> tests, String stdout, String stderr) {
        String verdict(String id) {
            return tests.get(id).path("verdict").asText();
        }

        /** Ids that FAILed or ERRORed. */
        Set<String> failing() {
            Set<String> out = new TreeSet<>();
            tests.forEach((id, t) -> {
                String v = t.path("verdict").asText();
                if (v.equals("FAIL") || v.equals("ERROR")) {
                    out.add(id);
                }
            });
            return out;
        }
    }

    /** {@code byon-conformance run} with the built-in reference config against the shared gateway, full profile, plus {@code extra}. */
    static Outcome run(String name, String... extra) throws Exception {
        return runWith("builtin:reference-gateway", name, extra);
    }

    /** As {@link #run}, with another config (a file path or {@code builtin:NAME}). */
    static Outcome runWith(String config, String name, String... extra) throws Exception {
        Path dir = reports().resolve(name);
        String[] base = {"run", "--config", config, "--api-root", gateway().apiRoot(), "--profile", "full",
                "--report-dir", dir.toString(), "--format", "console,json,junit,html", "--quiet",
                "--webhook-keystore", gateway().webhookKeyStore().toString()};
        return execute(dir, Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    /** Runs the CLI in-process with exactly these arguments; reads the JSON report of {@code reportDir} if there is one. */
    static Outcome execute(Path reportDir, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        Path json = reportDir == null ? null : reportDir.resolve("byon-conformance.json");
        if (json != null && Files.exists(json)) {
            for (JsonNode t : JSON.readTree(json.toFile()).path("tests")) {
                tests.put(t.path("id").asText(), t);
            }
        }
        return new Outcome(code, tests, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The built-in reference config's text. */
    static String referenceConfig() throws Exception {
        try (var in = Main.class.getResourceAsStream("/byon-conformance/reference-gateway.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A temporary copy of the reference config edited by {@code edit}, which must change it. */
    static Path editedConfig(String name, UnaryOperator<String> edit) throws Exception {
        String ref = referenceConfig();
        String edited = edit.apply(ref);
        if (edited.equals(ref)) {
            throw new IllegalStateException("the edit '" + name + "' does not change the reference config");
        }
        Path cfg = Files.createTempFile("byon-" + name, ".yaml");
        Files.writeString(cfg, edited);
        return cfg;
    }
}
