package org.byon.conformance.junit;

import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.config.ConfigLoader;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Profile;
import org.byon.conformance.engine.Runner;
import org.byon.conformance.engine.Session;
import org.byon.conformance.engine.TestResult;
import org.byon.conformance.engine.Verdict;
import org.byon.conformance.http.Contract;
import org.byon.conformance.tests.Catalogue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The catalogue on the JUnit Platform: one dynamic test per id, grouped by area. Enabled by the
 * system property {@code byon.conformance.config=FILE}; optional {@code byon.conformance.profile}
 * (core|full, default full) and {@code byon.conformance.apiRoot}. Tests run one at a time in
 * catalogue order (the CLI runs them concurrently). FAIL/ERROR fail the JUnit test,
 * NOT_APPLICABLE/INCONCLUSIVE abort it (skipped) with the reason.
 */
public class ByonConformance {
    public static final String CONFIG = "byon.conformance.config";

    @TestFactory
    Stream<DynamicNode> byonConformance() throws Exception {
        String file = System.getProperty(CONFIG, "");
        Assumptions.assumeFalse(file.isBlank(), "set -D" + CONFIG + "=FILE to run the BYON conformance tests");
        SuiteConfig cfg = ConfigLoader.withSystemEnvironment().load(Path.of(file));
        String root = System.getProperty("byon.conformance.apiRoot", "");
        if (!root.isBlank()) {
            cfg = cfg.withApiRoot(URI.create(root));
        }
        Profile profile = Profile.parse(System.getProperty("byon.conformance.profile", "full"));
        List<ConformanceTest> plan = Runner.plan(Catalogue.all(), profile, List.of(), List.of());
        Session session = new Session(cfg, Contract.embedded(cfg.apiRoot().getPath()));
        org.byon.conformance.cli.SelfTolerations.apply(session);
        Runner.preflight(session);
        Map<String, List<DynamicNode>> byArea = new LinkedHashMap<>();
        List<ConformanceTest> last = new ArrayList<>();
        for (ConformanceTest t : plan) {
            if (t.last()) {
                last.add(t);
                continue;
            }
            byArea.computeIfAbsent(t.area(), k -> new ArrayList<>()).add(dynamic(session, t));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byArea.forEach((area, tests) -> nodes.add(DynamicContainer.dynamicContainer(area, tests)));
        for (ConformanceTest t : last) {
            nodes.add(dynamic(session, t));
        }
        return nodes.stream().onClose(session::close);
    }

    private static DynamicNode dynamic(Session session, ConformanceTest t) {
        return DynamicTest.dynamicTest(t.id() + " " + t.title(), () -> {
            TestResult r = Runner.execute(session, t);
            if (r.verdict() == Verdict.NOT_APPLICABLE || r.verdict() == Verdict.INCONCLUSIVE) {
                Assumptions.abort(r.verdict() + ": " + r.message());
            }
            if (r.verdict().failed()) {
                StringBuilder sb = new StringBuilder(r.verdict() + " " + t.id() + " (byon.yaml " + t.pointer() + "): " + r.message());
                r.failures().forEach(f -> sb.append("\n  ").append(f.check()).append(": expected ").append(f.expected())
                        .append(", got ").append(f.actual()).append(f.curl() == null ? "" : "\n    " + f.curl()));
                throw new AssertionFailedError(sb.toString());
            }
        });
    }
}
