package org.byon.conformance.engine;

/** The steps of one test. */
@FunctionalInterface
public interface TestBody {
    void run(TestContext ctx) throws Exception;
}
