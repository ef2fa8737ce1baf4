package org.byon.conformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Evidence;
import org.byon.conformance.engine.Profile;
import org.byon.conformance.engine.RunResult;
import org.byon.conformance.engine.Selection;
import org.byon.conformance.engine.TestResult;
import org.byon.conformance.engine.Verdict;
import org.byon.conformance.http.Redactor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests left out by --exclude or outside --include appear in every report as EXCLUDED, counted as skipped. */
class ExcludedReportTest {
    static final ConformanceTest AUTH1 = ConformanceTest.test("BYON-AUTH-001", "Token").spec("#/components/securitySchemes/openId").run(c -> { });
    static final ConformanceTest AUTH2 = ConformanceTest.test("BYON-AUTH-002", "No token").spec("#/components/securitySchemes/openId").run(c -> { });
    static final ConformanceTest CHAN1 = ConformanceTest.test("BYON-CHAN-001", "Create channel").spec("#/paths/~1channels/post").run(c -> { });
    static final ConformanceTest PUSH = ConformanceTest.test("BYON-CHAN-009", "Push").full().spec("#/paths/~1channels/post").run(c -> { });

    static RunResult run(Selection s) {
        List<TestResult> ran = s.plan().stream()
                .map(t -> new TestResult(t, Verdict.PASS, "", List.of(), List.of(), new Evidence(), 1)).toList();
        return s.merge(new RunResult(Profile.CORE, "http://gw/byon/v0.2", "ab".repeat(32), "0.1.0", Instant.now(), 10, ran));
    }

    @Test
    void selectionGivesEachLeftOutTestOfTheProfileItsReasonInCatalogueOrder() {
        Selection s = Selection.of(List.of(AUTH1, AUTH2, CHAN1, PUSH), Profile.CORE, List.of(), List.of("BYON-AUTH-002"));
        assertThat(s.plan()).containsExactly(AUTH1, CHAN1);
        assertThat(s.excluded()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.EXCLUDED);
            assertThat(r.message()).isEqualTo("excluded by --exclude BYON-AUTH-002");
        });
        RunResult r = run(s);
        assertThat(r.results()).extracting(x -> x.test().id()).containsExactly("BYON-AUTH-001", "BYON-AUTH-002", "BYON-CHAN-001");
        assertThat(r.summaryLine()).isEqualTo("2 passed, 0 failed, 1 skipped");
        assertThat(r.exitCode()).isZero();
        assertThat(r.verdictLabel()).isEqualTo("CONFORMANT");

        Selection inc = Selection.of(List.of(AUTH1, AUTH2, CHAN1, PUSH), Profile.FULL, List.of("AUTH"), List.of());
        assertThat(inc.plan()).containsExactly(AUTH1, AUTH2);
        assertThat(inc.excluded()).extracting(x -> x.test().id() + ": " + x.message())
                .containsExactly("BYON-CHAN-001: excluded: not selected by --include AUTH", "BYON-CHAN-009: excluded: not selected by --include AUTH");
    }

    @Test
    void everyReportShowsTheExcludedTestWithItsReason() throws Exception {
        RunResult r = run(Selection.of(List.of(AUTH1, AUTH2, CHAN1), Profile.CORE, List.of(), List.of("BYON-AUTH-002")));
        Redactor redactor = new Redactor();

        String xml = JUnitXmlReport.toXml(r, redactor);
        assertThat(xml).contains("skipped=\"1\"").contains("<skipped message=\"excluded by --exclude BYON-AUTH-002\"/>")
                .contains("name=\"verdict\" value=\"EXCLUDED\"");

        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(JsonReport.toJson(r, redactor)));
        assertThat(j.path("summary").path("skipped").asInt()).isEqualTo(1);
        assertThat(j.path("tests").get(1).path("verdict").asText()).isEqualTo("EXCLUDED");
        assertThat(j.path("tests").get(1).toString()).contains("excluded by --exclude BYON-AUTH-002");

        assertThat(HtmlReport.toHtml(r, redactor)).contains("<span class=\"EXCLUDED\">EXCLUDED</span> <b>BYON-AUTH-002</b>")
                .contains("excluded by --exclude BYON-AUTH-002");

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(buf, true, StandardCharsets.UTF_8), null).print(r);
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("AUTH (1/1)", "EXCLUDED (1 not run, counted as skipped)", "      excluded by --exclude BYON-AUTH-002");
        assertThat(lines.get(lines.size() - 2)).startsWith("CONFORMANT").contains("1 excluded");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("2 passed, 0 failed, 1 skipped");
    }
}
