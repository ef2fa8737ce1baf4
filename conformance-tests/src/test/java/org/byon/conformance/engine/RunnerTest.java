package org.byon.conformance.engine;

import org.byon.conformance.config.ConfigLoader;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.http.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerTest {
    static Session session;

    @BeforeAll
    static void session() throws Exception {
        SuiteConfig c = new ConfigLoader(Map.<String, String>of()::get).loadResource("/byon-conformance/reference-gateway.yaml");
        session = new Session(c, Contract.embedded("/byon/v0.2"));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static TestResult exec(TestBody body) {
        return Runner.execute(session, ConformanceTest.test("BYON-SEC-999", "t").spec("#/paths").run(body));
    }

    @Test
    void outcomesMapToVerdicts() {
        assertThat(exec(ctx -> { }).verdict()).isEqualTo(Verdict.PASS);
        assertThat(exec(ctx -> ctx.warn("a SHOULD")).verdict()).isEqualTo(Verdict.WARN);
        assertThat(exec(ctx -> ctx.check(false, "x", 1, 2)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(exec(ctx -> {
            throw ctx.inconclusive("no expired token");
        })).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(r.message()).isEqualTo("no expired token");
        });
        assertThat(exec(ctx -> {
            throw ctx.notApplicable("no webhooks");
        }).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(exec(ctx -> {
            throw new IllegalStateException("bug");
        }).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void aRecordedFailureWinsOverALaterInconclusive() {
        TestResult r = exec(ctx -> {
            ctx.check(false, "status", 201, 200);
            throw ctx.inconclusive("precondition");
        });
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.failures()).extracting(Failure::check).containsExactly("status");
    }

    @Test
    void cleanupsRunLastFirstEvenWhenTheTestFails() {
        List<String> order = new ArrayList<>();
        exec(ctx -> {
            ctx.cleanup(() -> order.add("first"));
            ctx.cleanup(() -> order.add("second"));
            throw new Outcomes.Stop("x");
        });
        assertThat(order).containsExactly("second", "first");
    }

    @Test
    void exitCodesFollowTheVerdicts() {
        ConformanceTest t = ConformanceTest.test("BYON-SEC-998", "t").spec("#/paths").run(c -> { });
        java.util.function.Function<Verdict, RunResult> run = v -> new RunResult(Profile.CORE, "x", "s", "1", java.time.Instant.now(), 1,
                List.of(new TestResult(t, Verdict.PASS, "", List.of(), List.of(), new Evidence(), 1),
                        new TestResult(t, v, "", List.of(), List.of(), new Evidence(), 1)));
        assertThat(run.apply(Verdict.WARN).exitCode()).isZero();
        assertThat(run.apply(Verdict.NOT_APPLICABLE).exitCode()).isZero();
        assertThat(run.apply(Verdict.FAIL).exitCode()).isEqualTo(1);
        assertThat(run.apply(Verdict.ERROR).exitCode()).isEqualTo(3);
        assertThat(run.apply(Verdict.INCONCLUSIVE).summaryLine()).isEqualTo("1 passed, 0 failed, 1 skipped");
        assertThat(run.apply(Verdict.INCONCLUSIVE).exitCode()).isEqualTo(3);
        assertThat(run.apply(Verdict.INCONCLUSIVE).verdictLabel()).isEqualTo("INCONCLUSIVE");
    }
}
