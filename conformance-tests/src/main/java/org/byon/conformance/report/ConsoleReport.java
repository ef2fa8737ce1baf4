package org.byon.conformance.report;

import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Failure;
import org.byon.conformance.engine.Runner;
import org.byon.conformance.engine.RunResult;
import org.byon.conformance.engine.TestResult;
import org.byon.conformance.engine.Verdict;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Console output: live progress lines (to {@code progress}, usually stderr) while tests finish,
 * then the report grouped by area, one line per test, the verdict line and the final
 * {@code N passed, N failed, N skipped} line (to {@code out}).
 */
public final class ConsoleReport implements Runner.Listener {
    private final PrintStream out;
    private final PrintStream progress;

    public ConsoleReport(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    @Override
    public void finished(TestResult r, int done, int total) {
        if (progress != null) {
            progress.printf("[%3d/%d] %-18s %-14s %5d ms  %s%n", done, total, r.test().id(), r.verdict(), r.millis(),
                    r.verdict() == Verdict.PASS ? "" : r.message());
            progress.flush();
        }
    }

    public void print(RunResult run) {
        Map<String, List<TestResult>> byArea = new LinkedHashMap<>();
        List<TestResult> excluded = new java.util.ArrayList<>();
        for (TestResult r : run.results()) {
            if (r.verdict() == Verdict.EXCLUDED) {
                excluded.add(r);
                continue;
            }
            byArea.computeIfAbsent(r.test().area(), k -> new java.util.ArrayList<>()).add(r);
        }
        out.println();
        out.println("BYON conformance against " + run.apiRoot());
        for (Map.Entry<String, List<TestResult>> e : byArea.entrySet()) {
            long pass = e.getValue().stream().filter(r -> r.verdict().counted()).count();
            out.printf("%n%s (%d/%d)%n", e.getKey(), pass, e.getValue().size());
            for (TestResult r : e.getValue()) {
                ConformanceTest t = r.test();
                out.printf("  %-18s %-14s %s%n", t.id(), r.verdict(), t.title());
                if (r.verdict() != Verdict.PASS) {
                    if (!r.message().isEmpty()) {
                        out.println("      " + r.message());
                    }
                    for (Failure f : r.failures().subList(0, Math.min(3, r.failures().size()))) {
                        out.println("      - " + f.check() + ": expected " + f.expected() + ", got " + abbreviate(f.actual()));
                    }
                    if (r.failures().size() > 3) {
                        out.println("      - ... " + (r.failures().size() - 3) + " more");
                    }
                }
            }
        }
        if (!excluded.isEmpty()) {
            out.printf("%nEXCLUDED (%d not run, counted as skipped)%n", excluded.size());
            for (TestResult r : excluded) {
                out.printf("  %-18s %-14s %s%n      %s%n", r.test().id(), r.verdict(), r.test().title(), r.message());
            }
        }
        out.println();
        long na = run.count(Verdict.NOT_APPLICABLE);
        long inc = run.count(Verdict.INCONCLUSIVE);
        out.println(run.verdictLabel() + ": profile " + run.profile().label()
                + ", byon.yaml " + run.contractVersion() + " sha256 " + run.contractSha256()
                + " (" + run.count(Verdict.WARN) + " warnings, " + run.count(Verdict.ERROR) + " errors, "
                + na + " not applicable, " + inc + " inconclusive, " + excluded.size() + " excluded; " + run.millis() + " ms)");
        out.println(run.summaryLine());
        out.flush();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() > 240 ? one.substring(0, 240) + "..." : one;
    }
}
