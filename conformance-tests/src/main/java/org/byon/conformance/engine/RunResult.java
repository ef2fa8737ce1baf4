package org.byon.conformance.engine;

import java.time.Instant;
import java.util.List;

/** The outcome of a run: every planned test's result, in catalogue order. */
public record RunResult(Profile profile, String apiRoot, String contractSha256, String contractVersion, Instant startedAt,
                        long millis, List<TestResult> results) {

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    public long passed() {
        return results.stream().filter(r -> r.verdict().counted()).count();
    }

    public long failed() {
        return results.stream().filter(r -> r.verdict().failed()).count();
    }

    public long skipped() {
        return results.stream().filter(r -> r.verdict().skipped()).count();
    }

    public boolean conformant() {
        return results.stream().noneMatch(r -> r.verdict().failed());
    }

    /**
     * 0 conformant, 1 a test failed, 3 inconclusive: no failure, but a test could not reach its
     * precondition or the suite/environment failed (ERROR, INCONCLUSIVE).
     */
    public int exitCode() {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL)) {
            return 1;
        }
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR || r.verdict() == Verdict.INCONCLUSIVE)) {
            return 3;
        }
        return 0;
    }

    /** CONFORMANT, NOT CONFORMANT or INCONCLUSIVE, as the exit code says. */
    public String verdictLabel() {
        return switch (exitCode()) {
            case 0 -> "CONFORMANT";
            case 1 -> "NOT CONFORMANT";
            default -> "INCONCLUSIVE";
        };
    }

    /** The summary line printed last: {@code N passed, N failed, N skipped}. */
    public String summaryLine() {
        return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped";
    }
}
