package org.byon.conformance.engine;

import java.util.List;

/** The outcome of one test with its evidence. */
public record TestResult(ConformanceTest test, Verdict verdict, String message, List<Failure> failures,
                         List<String> warnings, Evidence evidence, long millis) {
}
