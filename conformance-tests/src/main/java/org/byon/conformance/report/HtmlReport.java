package org.byon.conformance.report;

import org.byon.conformance.engine.Evidence;
import org.byon.conformance.engine.Failure;
import org.byon.conformance.engine.RunResult;
import org.byon.conformance.engine.TestResult;
import org.byon.conformance.engine.Verdict;
import org.byon.conformance.http.Curl;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.Redactor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One self-contained HTML file (inline CSS, no scripts or external resources) with every test and its redacted evidence. */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Bar colours of the verdicts. */
    private static final Map<Verdict, String> COLOURS = Map.of(Verdict.PASS, "#2e9e4f", Verdict.WARN, "#d8a400", Verdict.FAIL, "#c62828",
            Verdict.ERROR, "#7b1fa2", Verdict.INCONCLUSIVE, "#8d8d8d", Verdict.NOT_APPLICABLE, "#b0bec5", Verdict.EXCLUDED, "#dddddd");

    /**
     * The page: a summary bar (one segment a verdict, as wide as its count), filters by verdict and by area
     * (radio buttons and CSS only: the file runs no script), then each test with its requirement, every FAIL's
     * expected vs actual and redacted curl line, its steps with timings (passing checks included), and the raw
     * exchanges and frames.
     */
    public static String toHtml(RunResult run, Redactor redactor) {
        List<String> areas = run.results().stream().map(r -> r.test().area()).distinct().toList();
        List<Verdict> verdicts = java.util.Arrays.stream(Verdict.values()).filter(v -> run.count(v) > 0).toList();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>BYON conformance report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left}")
                .append(".PASS{color:#176f2c}.WARN{color:#8a6d00}.FAIL,.ERROR{color:#b00020;font-weight:bold}.INCONCLUSIVE,.NOT_APPLICABLE,.EXCLUDED{color:#555}")
                .append("pre{background:#f5f5f5;padding:6px;white-space:pre-wrap;word-break:break-all;font-size:12px}details{margin:4px 0 4px 1em}")
                .append("summary{cursor:pointer}.v{color:#b00020}.bar{display:flex;height:22px;margin:1em 0;border-radius:4px;overflow:hidden}")
                .append(".bar span{color:#fff;font-size:12px;line-height:22px;padding:0 4px;white-space:nowrap;overflow:hidden}")
                .append(".filters label{margin-right:10px}.area{font-size:11px;background:#eee;border-radius:3px;padding:0 4px}")
                .append("ol.steps{font-size:12px;font-family:monospace}ol.steps .ko{color:#b00020;font-weight:bold}ol.steps .t{color:#777}");
        for (Verdict v : verdicts) {
            sb.append("#fv-").append(v).append(":checked~#tests .t-test:not(.v-").append(v).append("){display:none}");
        }
        for (String a : areas) {
            sb.append("#fa-").append(cssId(a)).append(":checked~#tests .t-test:not(.a-").append(cssId(a)).append("){display:none}");
        }
        sb.append("</style></head><body>");
        sb.append("<h1>BYON conformance report</h1><table>");
        row(sb, "Verdict", run.verdictLabel());
        row(sb, "Profile", run.profile().label());
        row(sb, "API root", redactor.redact(run.apiRoot()));
        row(sb, "Contract", "byon.yaml " + run.contractVersion() + ", sha256 " + run.contractSha256());
        row(sb, "Started", run.startedAt() + " (" + run.millis() + " ms)");
        row(sb, "Summary", run.summaryLine());
        sb.append("</table><div class=\"bar\" title=\"verdicts\">");
        for (Verdict v : verdicts) {
            sb.append("<span style=\"flex:").append(run.count(v)).append(";background:").append(COLOURS.get(v)).append("\">")
                    .append(run.count(v)).append(' ').append(v).append("</span>");
        }
        sb.append("</div>");
        // the radios are siblings of #tests, so that CSS alone can filter it
        sb.append("<input type=\"radio\" name=\"fv\" id=\"fv-all\" checked><label for=\"fv-all\">every verdict</label>");
        for (Verdict v : verdicts) {
            sb.append("<input type=\"radio\" name=\"fv\" id=\"fv-").append(v).append("\"><label for=\"fv-").append(v).append("\" class=\"")
                    .append(v).append("\">").append(v).append(" (").append(run.count(v)).append(")</label> ");
        }
        sb.append("<br><input type=\"radio\" name=\"fa\" id=\"fa-all\" checked><label for=\"fa-all\">every area</label>");
        for (String a : areas) {
            sb.append("<input type=\"radio\" name=\"fa\" id=\"fa-").append(cssId(a)).append("\"><label for=\"fa-").append(cssId(a))
                    .append("\">").append(h(a)).append("</label> ");
        }
        sb.append("<div id=\"tests\">");
        for (TestResult r : run.results()) {
            sb.append("<details class=\"t-test v-").append(r.verdict()).append(" a-").append(cssId(r.test().area())).append("\"")
                    .append(r.verdict().failed() ? " open" : "").append("><summary><span class=\"")
                    .append(r.verdict()).append("\">").append(r.verdict()).append("</span> <b>").append(h(r.test().id()))
                    .append("</b> <span class=\"area\">").append(h(r.test().area())).append("</span> ").append(h(r.test().title()))
                    .append(" <small>(").append(r.millis()).append(" ms)</small></summary>");
            sb.append("<p>Requirement: <code>byon.yaml ").append(h(r.test().pointer())).append("</code>");
            if (!r.test().clause().isEmpty()) {
                sb.append("; ").append(h(r.test().clause()));
            }
            sb.append("; profile ").append(r.test().profile().label()).append("</p>");
            if (!r.message().isEmpty() && r.verdict() != Verdict.PASS) {
                sb.append("<p>").append(h(redactor.redact(r.message()))).append("</p>");
            }
            for (Failure f : r.failures()) {
                sb.append("<p class=\"v\">").append(h(f.check())).append("<br>contract: <code>byon.yaml ").append(h(r.test().pointer()))
                        .append("</code><br>expected: ").append(h(redactor.redact(f.expected())))
                        .append("<br>actual: ").append(h(redactor.redact(f.actual()))).append("</p>");
                if (f.curl() != null) {
                    sb.append("<pre>").append(h(f.curl())).append("</pre>");
                }
            }
            for (String w : r.warnings()) {
                sb.append("<p class=\"WARN\">").append(h(redactor.redact(w))).append("</p>");
            }
            steps(sb, r.evidence(), redactor);
            evidence(sb, r.evidence(), redactor);
            sb.append("</details>");
        }
        sb.append("</div></body></html>\n");
        return sb.toString();
    }

    private static String cssId(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** The steps of a test in order, each with its offset from the test's first step. */
    private static void steps(StringBuilder sb, Evidence ev, Redactor redactor) {
        List<Evidence.Step> steps = ev.steps().stream().sorted(java.util.Comparator.comparing(Evidence.Step::at)).toList();
        if (steps.isEmpty()) {
            return;
        }
        java.time.Instant t0 = steps.get(0).at();
        long ok = steps.stream().filter(s -> s.kind().equals("check") && s.ok()).count();
        long checks = steps.stream().filter(s -> s.kind().equals("check")).count();
        sb.append("<details><summary>").append(steps.size()).append(" steps, ").append(ok).append(" of ").append(checks)
                .append(" checks passed</summary><ol class=\"steps\">");
        for (Evidence.Step s : steps) {
            sb.append("<li").append(s.ok() ? "" : " class=\"ko\"").append("><span class=\"t\">+")
                    .append(java.time.Duration.between(t0, s.at()).toMillis()).append(" ms</span> ").append(h(s.kind())).append(": ")
                    .append(h(redactor.redact(s.text()))).append("</li>");
        }
        sb.append("</ol></details>");
    }

    private static void evidence(StringBuilder sb, Evidence ev, Redactor redactor) {
        if (!ev.timings().isEmpty()) {
            sb.append("<p>Timings: ");
            ev.timings().forEach((k, v) -> sb.append(h(k)).append(" = ").append(v).append(" ms; "));
            sb.append("</p>");
        }
        for (Exchange x : ev.exchanges()) {
            sb.append("<details><summary>").append(h(redactor.redact(x.summary()))).append(" <small>").append(x.millis()).append(" ms</small>")
                    .append(x.violations().isEmpty() ? "" : " <span class=\"v\">contract violations</span>").append("</summary><pre>");
            sb.append(h(redactor.redact(x.method() + " " + x.url()))).append('\n');
            headers(sb, x.requestHeaders(), redactor);
            if (x.requestBody() != null) {
                sb.append('\n').append(h(redactor.redact(x.requestBody()))).append('\n');
            }
            sb.append("\n--- ").append(x.status()).append(" ---\n");
            headers(sb, x.responseHeaders(), redactor);
            if (x.responseBody() != null) {
                sb.append('\n').append(h(redactor.redact(x.responseBody())));
            }
            sb.append("</pre>");
            for (String v : x.violations()) {
                sb.append("<p class=\"v\">").append(h(redactor.redact(v))).append("</p>");
            }
            sb.append("<pre>").append(h(Curl.of(x, redactor))).append("</pre></details>");
        }
        if (!ev.frames().isEmpty()) {
            sb.append("<details><summary>").append(ev.frames().size()).append(" events</summary><pre>");
            for (Evidence.Frame f : ev.frames()) {
                sb.append(h(f.event().receivedAt() + " [" + f.channel() + "] " + redactor.redact(f.event().raw()))).append('\n');
                for (String v : f.event().violations()) {
                    sb.append("<span class=\"v\">  ").append(h(redactor.redact(v))).append("</span>\n");
                }
            }
            sb.append("</pre></details>");
        }
        if (!ev.notes().isEmpty()) {
            sb.append("<pre>");
            ev.notes().forEach(n -> sb.append(h(redactor.redact(n))).append('\n'));
            sb.append("</pre>");
        }
    }

    private static void headers(StringBuilder sb, Map<String, List<String>> hs, Redactor redactor) {
        hs.forEach((k, v) -> {
            if (k != null && !k.startsWith(":")) {
                sb.append(h(k + ": " + redactor.redactHeader(k, String.join(", ", v)))).append('\n');
            }
        });
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(h(k)).append("</th><td>").append(h(v)).append("</td></tr>");
    }

    static String h(String s) {
        return JUnitXmlReport.esc(s);
    }

    public static Path write(RunResult run, Redactor redactor, Path dir) throws IOException {
        Path file = dir.resolve("byon-conformance.html");
        Files.writeString(file, toHtml(run, redactor));
        return file;
    }
}
