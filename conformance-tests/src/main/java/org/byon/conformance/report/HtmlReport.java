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

    public static String toHtml(RunResult run, Redactor redactor) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>BYON conformance report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left}")
                .append(".PASS{color:#176f2c}.WARN{color:#8a6d00}.FAIL,.ERROR{color:#b00020;font-weight:bold}.INCONCLUSIVE,.NOT_APPLICABLE,.EXCLUDED{color:#555}")
                .append("pre{background:#f5f5f5;padding:6px;white-space:pre-wrap;word-break:break-all;font-size:12px}details{margin:4px 0 4px 1em}")
                .append("summary{cursor:pointer}.v{color:#b00020}</style></head><body>");
        sb.append("<h1>BYON conformance report</h1><table>");
        row(sb, "Verdict", run.verdictLabel());
        row(sb, "Profile", run.profile().label());
        row(sb, "API root", redactor.redact(run.apiRoot()));
        row(sb, "Contract", "byon.yaml " + run.contractVersion() + ", sha256 " + run.contractSha256());
        row(sb, "Started", run.startedAt() + " (" + run.millis() + " ms)");
        row(sb, "Summary", run.summaryLine());
        sb.append("</table>");
        String area = null;
        for (TestResult r : run.results()) {
            if (!r.test().area().equals(area)) {
                area = r.test().area();
                sb.append("<h2>").append(h(area)).append("</h2>");
            }
            sb.append("<details").append(r.verdict().failed() ? " open" : "").append("><summary><span class=\"")
                    .append(r.verdict()).append("\">").append(r.verdict()).append("</span> <b>").append(h(r.test().id()))
                    .append("</b> ").append(h(r.test().title())).append(" <small>(").append(r.millis()).append(" ms)</small></summary>");
            sb.append("<p>Requirement: <code>byon.yaml ").append(h(r.test().pointer())).append("</code>");
            if (!r.test().clause().isEmpty()) {
                sb.append("; ").append(h(r.test().clause()));
            }
            sb.append("; profile ").append(r.test().profile().label()).append("</p>");
            if (!r.message().isEmpty() && r.verdict() != Verdict.PASS) {
                sb.append("<p>").append(h(redactor.redact(r.message()))).append("</p>");
            }
            for (Failure f : r.failures()) {
                sb.append("<p class=\"v\">").append(h(f.check())).append("<br>expected: ").append(h(redactor.redact(f.expected())))
                        .append("<br>actual: ").append(h(redactor.redact(f.actual()))).append("</p>");
                if (f.curl() != null) {
                    sb.append("<pre>").append(h(f.curl())).append("</pre>");
                }
            }
            for (String w : r.warnings()) {
                sb.append("<p class=\"WARN\">").append(h(redactor.redact(w))).append("</p>");
            }
            evidence(sb, r.evidence(), redactor);
            sb.append("</details>");
        }
        sb.append("</body></html>\n");
        return sb.toString();
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
