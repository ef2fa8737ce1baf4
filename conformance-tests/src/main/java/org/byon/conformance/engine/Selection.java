package org.byon.conformance.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run selects from the catalogue: the tests of the profile that are run, and the tests of
 * the profile that are not (outside {@code --include} or matched by {@code --exclude}), each with
 * the reason. The latter are reported as {@link Verdict#EXCLUDED}: nothing is skipped silently.
 */
public record Selection(List<ConformanceTest> plan, List<TestResult> excluded, List<ConformanceTest> order) {

    public static Selection of(List<ConformanceTest> catalogue, Profile profile, List<String> includes, List<String> excludes) {
        List<ConformanceTest> plan = new ArrayList<>();
        List<TestResult> excluded = new ArrayList<>();
        List<ConformanceTest> order = new ArrayList<>();
        for (ConformanceTest t : catalogue) {
            if (!profile.includes(t.profile())) {
                continue;
            }
            order.add(t);
            String reason = reason(t, includes, excludes);
            if (reason == null) {
                plan.add(t);
            } else {
                excluded.add(new TestResult(t, Verdict.EXCLUDED, reason, List.of(), List.of(), new Evidence(), 0));
            }
        }
        return new Selection(plan, excluded, order);
    }

    /** Why {@code t} is not run, or null when it is. */
    static String reason(ConformanceTest t, List<String> includes, List<String> excludes) {
        List<String> by = excludes.stream().filter(t::matches).toList();
        if (!by.isEmpty()) {
            return "excluded by --exclude " + String.join(", --exclude ", by);
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(t::matches)) {
            return "excluded: not selected by --include " + String.join(", --include ", includes);
        }
        return null;
    }

    /** The run's results with the excluded tests added, all in catalogue order. */
    public RunResult merge(RunResult run) {
        Map<String, TestResult> byId = new HashMap<>();
        excluded.forEach(r -> byId.put(r.test().id(), r));
        run.results().forEach(r -> byId.put(r.test().id(), r));
        List<TestResult> all = new ArrayList<>();
        for (ConformanceTest t : order) {
            TestResult r = byId.get(t.id());
            if (r != null) {
                all.add(r);
            }
        }
        return new RunResult(run.profile(), run.apiRoot(), run.contractSha256(), run.contractVersion(), run.startedAt(),
                run.millis(), all);
    }
}
