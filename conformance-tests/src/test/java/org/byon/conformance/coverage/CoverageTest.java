package org.byon.conformance.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.cli.Main;
import org.byon.openapi.ApiOperation;
import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;
import org.byon.openapi.ResponseSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoverageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ByonContract CONTRACT = ByonContract.load();

    /** An operation with a path parameter and an error response that documents codes. */
    static ApiOperation opWithCodes() {
        return CONTRACT.operations().stream().filter(o -> o.pathParameter().isPresent())
                .filter(o -> o.responses().stream().anyMatch(r -> !r.codes().isEmpty())).findFirst().orElseThrow();
    }

    static ObjectNode report(String method, String url, int status, String body, String frame) {
        ObjectNode r = JSON.createObjectNode();
        r.put("apiRoot", "http://gw.example:8080/prefix" + CONTRACT.basePath());
        ObjectNode t = r.putArray("tests").addObject();
        t.put("id", "BYON-TEST-001");
        ObjectNode x = t.putObject("evidence").putArray("exchanges").addObject();
        x.put("method", method);
        x.put("url", url);
        x.put("status", status);
        x.put("responseBody", body);
        ((ObjectNode) t.get("evidence")).putArray("frames").addObject().put("raw", frame);
        return r;
    }

    @Test
    void cellsComeFromTheContract() {
        List<Coverage.Cell> cells = Coverage.cells(CONTRACT);
        for (ApiOperation op : CONTRACT.operations()) {
            for (ResponseSpec r : op.responses()) {
                String prefix = op.operationId() + " " + r.status();
                assertThat(cells).as(prefix).anyMatch(c -> c.key().startsWith(prefix) && c.pointer().equals(op.pointer() + "/responses/" + r.status()));
                r.codes().forEach(code -> assertThat(cells).extracting(Coverage.Cell::key).contains(prefix + " " + code));
            }
        }
        for (EventSpec e : CONTRACT.eventTypes()) {
            assertThat(cells).extracting(Coverage.Cell::key).contains("event " + e.type());
        }
        // every enumerated value of each event's data is a cell of its own
        EventSpec status = CONTRACT.eventTypes().stream().filter(e -> !Coverage.enums(CONTRACT, e.dataSchema()).isEmpty()).findFirst().orElseThrow();
        Coverage.enums(CONTRACT, status.dataSchema()).forEach((prop, values) -> values.forEach(v ->
                assertThat(cells).extracting(Coverage.Cell::key).contains("event " + status.type() + " " + prop + "=" + v)));
    }

    @Test
    void aCellIsCoveredOnlyByWhatAnExchangeOrFrameShows() throws Exception {
        ApiOperation op = opWithCodes();
        ResponseSpec err = op.responses().stream().filter(r -> !r.codes().isEmpty()).findFirst().orElseThrow();
        String code = err.codes().get(0);
        EventSpec ev = CONTRACT.eventTypes().get(0);
        String url = "http://gw.example:8080/prefix" + CONTRACT.basePath() + op.path("some-id");
        Coverage c = Coverage.of(CONTRACT, report(op.method(), url, Integer.parseInt(err.status()), "{\"code\":\"" + code + "\"}",
                "{\"type\":\"" + ev.type() + "\",\"data\":{}}"), List.of());
        assertThat(row(c, op.operationId() + " " + err.status() + " " + code).tests()).containsExactly("BYON-TEST-001");
        assertThat(row(c, "event " + ev.type()).tests()).containsExactly("BYON-TEST-001");
        // the same status with another code, and another method on the same path, stay uncovered
        err.codes().stream().skip(1).forEach(other -> assertThat(row(c, op.operationId() + " " + err.status() + " " + other).gap()).isTrue());
        assertThat(c.gaps()).hasSize(c.rows().size() - 2);
        assertThat(c.complete()).isFalse();
        assertThat(c.percent()).isLessThan(10);
    }

    @Test
    void exclusionsNeedAReasonAndStaleOnesAreReported() {
        ApiOperation op = opWithCodes();
        String url = "http://gw.example:8080/prefix" + CONTRACT.basePath() + op.path("x");
        String ok = op.statuses().get(0);
        Coverage c = Coverage.of(CONTRACT, report(op.method(), url, Integer.parseInt(ok), "{}", "not json"),
                List.of(new Coverage.Exclusion("*", "everything else, for the test"), new Coverage.Exclusion(op.operationId() + " " + ok, "covered anyway")));
        assertThat(c.gaps()).isEmpty();
        assertThat(c.excluded()).isEqualTo(c.rows().size() - 1);
        assertThat(c.stale()).extracting(Coverage.Exclusion::pattern).containsExactly(op.operationId() + " " + ok);
        assertThat(c.complete()).isFalse();
        assertThatThrownBy(() -> Coverage.parseExclusions(JSON.createArrayNode().add(JSON.createObjectNode().put("cells", "* 500"))))
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> Coverage.parseExclusions(JSON.createArrayNode().add(JSON.createObjectNode().put("cells", "* 500")
                .put("kind", "maybe").put("reason", "a reason long enough")))).hasMessageContaining("kind");
    }

    @Test
    void knownGapsCountAsUncoveredOutOfScopeCellsDoNot() {
        ApiOperation op = opWithCodes();
        String url = "http://gw.example:8080/prefix" + CONTRACT.basePath() + op.path("x");
        JsonNode run = report(op.method(), url, Integer.parseInt(op.statuses().get(0)), "{}", "{}");
        Coverage out = Coverage.of(CONTRACT, run, List.of(new Coverage.Exclusion("*", true, "out, for the test")));
        Coverage gap = Coverage.of(CONTRACT, run, List.of(new Coverage.Exclusion("*", false, "gap, for the test")));
        assertThat(out.percent()).isEqualTo(100.0);
        assertThat(gap.percent()).isEqualTo(100.0 / gap.rows().size());
        assertThat(gap.knownGaps()).isEqualTo(gap.rows().size() - 1);
        assertThat(gap.complete()).as("a listed gap does not fail the check").isTrue();
    }

    @Test
    void webSocketCloseCodesAreReadFromTheProseAndObservedInTheEvidence() {
        var codes = Coverage.closeCodes(CONTRACT);
        // byon.yaml names its close codes in prose only; each found one is a cell, with the pointer of its description
        assertThat(codes).isNotEmpty().allSatisfy((code, pointer) -> {
            assertThat(code).matches("[14]\\d{3}");
            assertThat(CONTRACT.tree().at(pointer.substring(1)).asText()).contains(code);
        });
        String code = codes.keySet().iterator().next();
        ObjectNode run = report("GET", "http://gw.example:8080/prefix" + CONTRACT.basePath() + "/none", 200, "{}", "{}");
        ((ObjectNode) run.path("tests").get(0).path("evidence")).putArray("closes").addObject().put("channel", "A ws").put("code", Integer.parseInt(code));
        Coverage c = Coverage.of(CONTRACT, run, List.of());
        assertThat(row(c, "websocket close " + code).tests()).containsExactly("BYON-TEST-001");
        codes.keySet().stream().skip(1).forEach(other -> assertThat(row(c, "websocket close " + other).gap()).isTrue());
    }

    @Test
    void theShippedExclusionsAllHaveReasons() {
        assertThat(Coverage.exclusions()).allSatisfy(e -> assertThat(e.reason()).hasSizeGreaterThan(20));
    }

    @Test
    void theCommandPrintsTheMatrixAndCheckFailsOnAGap(@TempDir Path dir) throws Exception {
        ApiOperation op = opWithCodes();
        Files.writeString(dir.resolve("byon-conformance.json"), JSON.writeValueAsString(report(op.method(),
                "http://gw.example:8080/prefix" + CONTRACT.basePath() + op.path("x"), Integer.parseInt(op.statuses().get(0)), "{}", "{}")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "coverage", "--report", dir.toString(), "--check");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(text).containsPattern("COVERED +" + op.operationId() + " " + op.statuses().get(0) + " +BYON-TEST-001")
                .contains("GAP ").containsPattern("coverage: \\d+ cells, 1 covered");
        int plain = Main.execute(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(new ByteArrayOutputStream(), true),
                "coverage", "--report", dir.toString());
        assertThat(plain).as("without --check it only prints").isZero();
    }

    static Coverage.Row row(Coverage c, String key) {
        return c.rows().stream().filter(r -> r.cell().key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no cell " + key));
    }
}
