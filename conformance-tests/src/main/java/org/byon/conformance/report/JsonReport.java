package org.byon.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.engine.Evidence;
import org.byon.conformance.engine.Failure;
import org.byon.conformance.engine.RunResult;
import org.byon.conformance.engine.TestResult;
import org.byon.conformance.http.Curl;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.Redactor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The run as JSON ({@code byon-conformance.json}): summary, then each test with verdict, failures and redacted evidence. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static ObjectNode toJson(RunResult run, Redactor redactor) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suite", "byon-conformance");
        root.put("profile", run.profile().label());
        root.put("apiRoot", redactor.redact(run.apiRoot()));
        root.put("contractVersion", run.contractVersion());
        root.put("contractSha256", run.contractSha256());
        root.put("startedAt", run.startedAt().toString());
        root.put("millis", run.millis());
        root.put("conformant", run.conformant());
        root.put("verdict", run.verdictLabel());
        root.put("exitCode", run.exitCode());
        ObjectNode sum = root.putObject("summary");
        sum.put("passed", run.passed());
        sum.put("failed", run.failed());
        sum.put("skipped", run.skipped());
        for (var v : org.byon.conformance.engine.Verdict.values()) {
            sum.put(v.name(), run.count(v));
        }
        ArrayNode tests = root.putArray("tests");
        for (TestResult r : run.results()) {
            ObjectNode t = tests.addObject();
            t.put("id", r.test().id());
            t.put("area", r.test().area());
            t.put("title", r.test().title());
            t.put("profile", r.test().profile().label());
            ArrayNode tags = t.putArray("tags");
            new TreeSet<>(r.test().tags()).forEach(tags::add);
            t.put("requirement", r.test().pointer());
            t.put("clause", r.test().clause());
            t.put("verdict", r.verdict().name());
            t.put("message", redactor.redact(r.message()));
            t.put("millis", r.millis());
            ArrayNode fs = t.putArray("failures");
            for (Failure f : r.failures()) {
                ObjectNode fo = fs.addObject();
                fo.put("check", f.check());
                fo.put("expected", redactor.redact(f.expected()));
                fo.put("actual", redactor.redact(f.actual()));
                if (f.curl() != null) {
                    fo.put("curl", f.curl());
                }
            }
            ArrayNode ws = t.putArray("warnings");
            r.warnings().forEach(w -> ws.add(redactor.redact(w)));
            t.set("evidence", evidence(r.evidence(), redactor));
        }
        return root;
    }

    static ObjectNode evidence(Evidence ev, Redactor redactor) {
        ObjectNode e = JSON.createObjectNode();
        ArrayNode steps = e.putArray("steps");
        for (Evidence.Step st : ev.steps()) {
            steps.addObject().put("at", st.at().toString()).put("kind", st.kind()).put("ok", st.ok()).put("text", redactor.redact(st.text()));
        }
        ArrayNode xs = e.putArray("exchanges");
        for (Exchange x : ev.exchanges()) {
            ObjectNode o = xs.addObject();
            o.put("at", x.sentAt().toString());
            o.put("method", x.method());
            o.put("url", redactor.redact(x.url()));
            o.set("requestHeaders", headers(x.requestHeaders(), redactor));
            if (x.requestBody() != null) {
                o.put("requestBody", redactor.redact(x.requestBody()));
            }
            o.put("status", x.status());
            o.set("responseHeaders", headers(x.responseHeaders(), redactor));
            if (x.responseBody() != null) {
                o.put("responseBody", redactor.redact(x.responseBody()));
            }
            x.transportError().ifPresent(err -> o.put("transportError", redactor.redact(err)));
            o.put("millis", x.millis());
            ArrayNode v = o.putArray("violations");
            x.violations().forEach(s -> v.add(redactor.redact(s)));
            o.put("curl", Curl.of(x, redactor));
        }
        ArrayNode fr = e.putArray("frames");
        for (Evidence.Frame f : ev.frames()) {
            ObjectNode o = fr.addObject();
            o.put("channel", redactor.redact(f.channel()));
            o.put("at", f.event().receivedAt().toString());
            o.put("raw", redactor.redact(f.event().raw()));
            ArrayNode v = o.putArray("violations");
            f.event().violations().forEach(s -> v.add(redactor.redact(s)));
        }
        ArrayNode cl = e.putArray("closes");
        for (Evidence.Close c : ev.closes()) {
            cl.addObject().put("channel", redactor.redact(c.channel())).put("code", c.code()).put("at", c.at().toString());
        }
        ObjectNode timings = e.putObject("timingsMillis");
        ev.timings().forEach(timings::put);
        ArrayNode notes = e.putArray("notes");
        ev.notes().forEach(n -> notes.add(redactor.redact(n)));
        return e;
    }

    private static ObjectNode headers(Map<String, List<String>> h, Redactor redactor) {
        ObjectNode o = JSON.createObjectNode();
        h.forEach((k, v) -> {
            if (k != null && !k.startsWith(":")) {
                o.put(k, redactor.redactHeader(k, String.join(", ", v)));
            }
        });
        return o;
    }

    public static Path write(RunResult run, Redactor redactor, Path dir) throws IOException {
        Path file = dir.resolve("byon-conformance.json");
        Files.writeString(file, JSON.writeValueAsString(toJson(run, redactor)));
        return file;
    }
}
