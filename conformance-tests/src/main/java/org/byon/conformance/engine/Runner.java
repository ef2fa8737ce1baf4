package org.byon.conformance.engine;

import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.http.Exchange;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plans and runs tests: filters the catalogue by profile, includes and excludes; checks the
 * environment (tokens, gateway reachable); runs independent tests concurrently while honouring
 * each test's exclusive locks and registration needs; runs the run-wide tests last.
 */
public final class Runner {
    /** Live progress. Called from worker threads, one call at a time. */
    public interface Listener {
        default void started(ConformanceTest t) {
        }

        void finished(TestResult r, int done, int total);
    }

    private Runner() {
    }

    /** The tests of the profile, in catalogue order; includes (ids, tags or areas) narrow, excludes remove. */
    public static List<ConformanceTest> plan(List<ConformanceTest> catalogue, Profile profile, List<String> includes,
                                             List<String> excludes) {
        return Selection.of(catalogue, profile, includes, excludes).plan();
    }

    /** Fails with {@link Outcomes.EnvironmentFailure} when tokens cannot be obtained or the gateway does not answer. */
    public static void preflight(Session session) throws Outcomes.EnvironmentFailure {
        for (SuiteConfig.Subscriber s : session.config().subscribers().values()) {
            String problem = TokenClaims.problem(session.tokens().token(s), s);
            if (problem != null) {
                throw new Outcomes.EnvironmentFailure(problem);
            }
        }
        Exchange ex = session.http().send(new org.byon.conformance.http.Req("GET", "/channels", r -> null)
                .bearer(session.tokens().token(session.config().a())));
        if (ex.status() == 0) {
            throw new Outcomes.EnvironmentFailure("gateway at " + session.config().apiRoot() + " is unreachable: "
                    + ex.transportError().orElse("?"));
        }
    }

    public static RunResult run(Session session, List<ConformanceTest> plan, Profile profile, Listener listener)
            throws Outcomes.EnvironmentFailure {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        preflight(session);
        List<ConformanceTest> normal = new ArrayList<>();
        List<ConformanceTest> last = new ArrayList<>();
        for (ConformanceTest t : plan) {
            (t.last() ? last : normal).add(t);
        }
        // the run-wide checks read what every other test saw, so they come after the other last tests
        last.sort(java.util.Comparator.comparing((ConformanceTest t) -> t.tags().contains("run-wide")));
        List<ConformanceTest> ordered = new ArrayList<>(normal);
        ordered.sort((x, y) -> Boolean.compare(y.slow(), x.slow()));

        int capacity = session.config().maxRegistrationsPerSubscriber().orElse(5) - 1; // one is the shared endpoint
        Map<String, Integer> free = new HashMap<>();
        for (String role : session.config().subscribers().keySet()) {
            free.put(role, Math.max(1, capacity));
        }
        Set<String> held = new HashSet<>();
        Map<String, TestResult> results = Collections.synchronizedMap(new LinkedHashMap<>());
        int total = plan.size();
        Object monitor = new Object();
        int[] running = {0};
        int[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(session.config().concurrency(), r -> {
            Thread th = new Thread(r, "byon-test");
            th.setDaemon(true);
            return th;
        });
        try {
            List<ConformanceTest> pending = new ArrayList<>(ordered);
            while (true) {
                ConformanceTest next = null;
                synchronized (monitor) {
                    if (pending.isEmpty() && running[0] == 0) {
                        break;
                    }
                    if (running[0] < session.config().concurrency()) {
                        for (ConformanceTest t : pending) {
                            if (canStart(t, held, free, capacity)) {
                                next = t;
                                break;
                            }
                        }
                    }
                    if (next == null) {
                        try {
                            monitor.wait(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                        continue;
                    }
                    pending.remove(next);
                    reserve(next, held, free, capacity, -1);
                    running[0]++;
                }
                ConformanceTest t = next;
                pool.submit(() -> {
                    TestResult r = execute(session, t);
                    synchronized (monitor) {
                        results.put(t.id(), r);
                        done[0]++;
                        listener.finished(r, done[0], total);
                        reserve(t, held, free, capacity, +1);
                        running[0]--;
                        monitor.notifyAll();
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ConformanceTest t : last) {
            TestResult r = execute(session, t);
            results.put(t.id(), r);
            listener.finished(r, ++done[0], total);
        }
        List<TestResult> inOrder = new ArrayList<>();
        for (ConformanceTest t : plan) {
            inOrder.add(results.get(t.id()));
        }
        return new RunResult(profile, session.config().apiRoot().toString(), session.contract().sha256(),
                session.contract().version(), started, (System.nanoTime() - t0) / 1_000_000, inOrder);
    }

    private static boolean canStart(ConformanceTest t, Set<String> held, Map<String, Integer> free, int capacity) {
        for (String l : t.locks()) {
            if (held.contains(l)) {
                return false;
            }
        }
        for (Map.Entry<String, Integer> e : t.registrations().entrySet()) {
            int need = Math.min(e.getValue(), Math.max(1, capacity));
            if (free.getOrDefault(e.getKey(), 0) < need && free.containsKey(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static void reserve(ConformanceTest t, Set<String> held, Map<String, Integer> free, int capacity, int sign) {
        if (sign < 0) {
            held.addAll(t.locks());
        } else {
            held.removeAll(t.locks());
        }
        for (Map.Entry<String, Integer> e : t.registrations().entrySet()) {
            if (free.containsKey(e.getKey())) {
                int need = Math.min(e.getValue(), Math.max(1, capacity));
                free.merge(e.getKey(), sign * need, Integer::sum);
            }
        }
    }

    /** Runs one test body with its cleanups and turns the outcome into a verdict. */
    public static TestResult execute(Session session, ConformanceTest t) {
        TestContext ctx = new TestContext(session, t);
        long t0 = System.nanoTime();
        Verdict verdict;
        String message = "";
        try {
            t.body().run(ctx);
            verdict = Verdict.PASS;
        } catch (Outcomes.Stop e) {
            verdict = Verdict.FAIL;
            message = e.getMessage();
        } catch (Outcomes.Inconclusive e) {
            verdict = Verdict.INCONCLUSIVE;
            message = e.getMessage();
        } catch (Outcomes.NotApplicable e) {
            verdict = Verdict.NOT_APPLICABLE;
            message = e.getMessage();
        } catch (Throwable e) {
            verdict = Verdict.ERROR;
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            message = "suite error: " + e + " at " + sw.toString().lines().skip(1).limit(4).map(String::trim).toList();
        }
        List<Runnable> cleanups = ctx.cleanups();
        Collections.reverse(cleanups);
        for (Runnable c : cleanups) {
            try {
                c.run();
            } catch (RuntimeException e) {
                ctx.note("cleanup failed: " + e);
            }
        }
        List<Failure> failures = ctx.failures();
        List<String> warnings = ctx.warnings();
        if (!failures.isEmpty() && verdict != Verdict.ERROR) {
            verdict = Verdict.FAIL;
            if (message.isEmpty()) {
                message = failures.get(0).check();
            }
        } else if (verdict == Verdict.PASS && !warnings.isEmpty()) {
            verdict = Verdict.WARN;
            message = warnings.get(0);
        }
        return new TestResult(t, verdict, session.redactor().redact(message), failures, warnings, ctx.evidence().snapshot(),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
