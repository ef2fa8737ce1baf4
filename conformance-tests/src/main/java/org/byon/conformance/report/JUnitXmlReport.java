package org.byon.conformance.report;

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
import java.util.Locale;

/**
 * JUnit XML ({@code TEST-byon-conformance.xml}): one testcase per test id, requirement refs as
 * properties, failures with expected vs actual and a redacted curl line, NOT_APPLICABLE and
 * INCONCLUSIVE as skipped with the reason.
 */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static String toXml(RunResult run, Redactor redactor) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"byon-conformance\" tests=\"").append(run.results().size())
                .append("\" failures=\"").append(run.count(Verdict.FAIL))
                .append("\" errors=\"").append(run.count(Verdict.ERROR))
                .append("\" skipped=\"").append(run.skipped())
                .append("\" time=\"").append(seconds(run.millis()))
                .append("\" timestamp=\"").append(run.startedAt()).append("\">\n");
        sb.append("  <properties>\n");
        prop(sb, "    ", "profile", run.profile().label());
        prop(sb, "    ", "apiRoot", redactor.redact(run.apiRoot()));
        prop(sb, "    ", "contract.sha256", run.contractSha256());
        prop(sb, "    ", "contract.version", run.contractVersion());
        sb.append("  </properties>\n");
        for (TestResult r : run.results()) {
            sb.append("  <testcase classname=\"byon.").append(esc(r.test().area())).append("\" name=\"")
                    .append(esc(r.test().id() + " " + r.test().title())).append("\" time=\"").append(seconds(r.millis())).append("\">\n");
            sb.append("    <properties>\n");
            prop(sb, "      ", "id", r.test().id());
            prop(sb, "      ", "requirement", r.test().pointer());
            if (!r.test().clause().isEmpty()) {
                prop(sb, "      ", "clause", r.test().clause());
            }
            prop(sb, "      ", "profile", r.test().profile().label());
            prop(sb, "      ", "verdict", r.verdict().name());
            r.evidence().timings().forEach((k, v) -> prop(sb, "      ", "timing." + k, v + " ms"));
            sb.append("    </properties>\n");
            switch (r.verdict()) {
                case FAIL -> {
                    StringBuilder body = new StringBuilder();
                    for (Failure f : r.failures()) {
                        body.append(f.check()).append("\n  expected: ").append(f.expected()).append("\n  actual:   ").append(f.actual()).append('\n');
                        if (f.curl() != null) {
                            body.append("  reproduce: ").append(f.curl()).append('\n');
                        }
                    }
                    body.append("requirement: byon.yaml ").append(r.test().pointer()).append('\n');
                    sb.append("    <failure type=\"FAIL\" message=\"").append(esc(redactor.redact(r.message()))).append("\">")
                            .append(esc(redactor.redact(body.toString()))).append("</failure>\n");
                }
                case ERROR -> sb.append("    <error type=\"ERROR\" message=\"").append(esc(redactor.redact(r.message()))).append("\"/>\n");
                case NOT_APPLICABLE, INCONCLUSIVE -> sb.append("    <skipped message=\"").append(r.verdict()).append(": ")
                        .append(esc(redactor.redact(r.message()))).append("\"/>\n");
                case EXCLUDED -> sb.append("    <skipped message=\"").append(esc(r.message())).append("\"/>\n");
                default -> {
                }
            }
            StringBuilder out = new StringBuilder();
            if (r.verdict() == Verdict.WARN) {
                r.warnings().forEach(w -> out.append("WARN ").append(w).append('\n'));
            }
            for (Exchange x : r.evidence().exchanges()) {
                out.append(x.summary()).append(" (").append(x.millis()).append(" ms)\n");
                if (r.verdict() == Verdict.FAIL) {
                    out.append("  ").append(Curl.of(x, redactor)).append('\n');
                }
            }
            if (out.length() > 0) {
                sb.append("    <system-out>").append(esc(redactor.redact(out.toString()))).append("</system-out>\n");
            }
            sb.append("  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    public static Path write(RunResult run, Redactor redactor, Path dir) throws IOException {
        Path file = dir.resolve("TEST-byon-conformance.xml");
        Files.writeString(file, toXml(run, redactor));
        return file;
    }

    private static void prop(StringBuilder sb, String indent, String name, Object value) {
        sb.append(indent).append("<property name=\"").append(esc(name)).append("\" value=\"").append(esc(String.valueOf(value))).append("\"/>\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
