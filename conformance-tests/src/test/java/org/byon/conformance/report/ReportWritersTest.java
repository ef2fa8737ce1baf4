package org.byon.conformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Evidence;
import org.byon.conformance.engine.Failure;
import org.byon.conformance.engine.Profile;
import org.byon.conformance.engine.RunResult;
import org.byon.conformance.engine.TestResult;
import org.byon.conformance.engine.Verdict;
import org.byon.conformance.http.Curl;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.Redactor;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWritersTest {
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    static final String HOOK_SECRET = "webhook-secret-0123456789";

    static RunResult run(Redactor redactor) {
        redactor.addSecret(HOOK_SECRET);
        Evidence ev = new Evidence();
        Exchange ex = new Exchange("POST", "http://gw/byon/v0.2/channels", "/channels",
                Map.of("Authorization", List.of("Bearer " + TOKEN)),
                "{\"channelType\":\"Webhook\",\"channelData\":{\"notificationUrl\":\"https://x\",\"notificationAuthToken\":\"" + HOOK_SECRET + "\"}}",
                200, Map.of("Content-Type", List.of("application/json")), "{\"channelId\":\"ch-1\"}", Instant.now(), 12, null);
        ev.add(ex);
        ev.check(true, "POST /channels: Location is absolute");
        ev.check(false, "POST /channels: status: expected HTTP 201, actual HTTP 200 " + TOKEN);
        ev.timing("Connected at A after answer", 42);
        ConformanceTest failing = ConformanceTest.test("BYON-CHAN-001", "Create <a> channel").spec("#/paths/~1channels/post/responses/201")
                .clause("RFC 9110 15.3.2").run(c -> { });
        ConformanceTest passing = ConformanceTest.test("BYON-AUTH-001", "Token").spec("#/components/securitySchemes/openId").run(c -> { });
        ConformanceTest na = ConformanceTest.test("BYON-CHAN-009", "Push").full().spec("#/components/schemas/PushNotificationChannel").run(c -> { });
        return new RunResult(Profile.FULL, "http://gw/byon/v0.2", "ab".repeat(32), "0.1.0", Instant.now(), 1234, List.of(
                new TestResult(passing, Verdict.PASS, "", List.of(), List.of(), new Evidence(), 5),
                new TestResult(failing, Verdict.FAIL, "POST /channels", List.of(new Failure("POST /channels", "HTTP 201", "HTTP 200 " + TOKEN,
                        Curl.of(ex, redactor))), List.of(), ev, 40),
                new TestResult(na, Verdict.NOT_APPLICABLE, "the gateway does not declare PushNotification channels", List.of(), List.of(), new Evidence(), 0)));
    }

    @Test
    void junitXmlHasOneTestcasePerIdWithRequirementPropertiesAndARedactedCurl() throws Exception {
        Redactor redactor = new Redactor();
        String xml = JUnitXmlReport.toXml(run(redactor), redactor);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(xml).contains("name=\"requirement\" value=\"#/paths/~1channels/post/responses/201\"")
                .contains("name=\"clause\" value=\"RFC 9110 15.3.2\"")
                .contains("expected: HTTP 201").contains("reproduce: curl").contains("Bearer $BYON_TOKEN")
                .contains("<skipped message=\"NOT_APPLICABLE: the gateway does not declare PushNotification channels\"/>")
                .contains("timing.Connected at A after answer")
                .doesNotContain(TOKEN).doesNotContain(HOOK_SECRET);
    }

    @Test
    void jsonCarriesSummaryVerdictsAndRedactedEvidence() throws Exception {
        Redactor redactor = new Redactor();
        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(JsonReport.toJson(run(redactor), redactor)));
        assertThat(j.path("summary").path("passed").asInt()).isEqualTo(1);
        assertThat(j.path("summary").path("failed").asInt()).isEqualTo(1);
        assertThat(j.path("summary").path("skipped").asInt()).isEqualTo(1);
        assertThat(j.path("contractSha256").asText()).hasSize(64);
        assertThat(j.path("tests").get(1).path("verdict").asText()).isEqualTo("FAIL");
        assertThat(j.toString()).doesNotContain(TOKEN).doesNotContain(HOOK_SECRET);
        JsonNode steps = j.path("tests").get(1).path("evidence").path("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).path("kind").asText()).isEqualTo("http");
        assertThat(steps.get(1).path("text").asText()).isEqualTo("POST /channels: Location is absolute");
        assertThat(steps.get(1).path("ok").asBoolean()).isTrue();
        assertThat(steps.get(2).path("ok").asBoolean()).isFalse();
    }

    @Test
    void htmlIsOneSelfContainedFileWithEscapedRedactedEvidence() {
        Redactor redactor = new Redactor();
        String html = HtmlReport.toHtml(run(redactor), redactor);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("BYON-CHAN-001").contains("Create &lt;a&gt; channel")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain(TOKEN).doesNotContain(HOOK_SECRET)
                // the summary bar, one segment a verdict present, and CSS-only filters by verdict and by area
                .contains("<span style=\"flex:1;background:#c62828\">1 FAIL</span>").doesNotContain("0 WARN")
                .contains("id=\"fv-FAIL\"").contains("#fv-FAIL:checked~#tests .t-test:not(.v-FAIL){display:none}")
                .contains("id=\"fa-CHAN\"").contains("class=\"t-test v-FAIL a-CHAN\"")
                // each FAIL with its contract pointer, and the steps with passing checks
                .contains("contract: <code>byon.yaml #/paths/~1channels/post/responses/201</code>")
                .contains("3 steps, 1 of 2 checks passed").contains("check: POST /channels: Location is absolute");
    }

    @Test
    void consoleGroupsByAreaAndEndsWithTheCountsLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(buf, true, StandardCharsets.UTF_8), null).print(run(new Redactor()));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1 passed, 1 failed, 1 skipped");
        assertThat(lines.get(lines.size() - 2)).startsWith("NOT CONFORMANT: profile full").contains("sha256 " + "ab".repeat(32));
        assertThat(lines).contains("AUTH (1/1)", "CHAN (0/2)");
    }
}
