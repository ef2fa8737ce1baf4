package org.byon.conformance.engine;

/** The verdict of one test (conformance.md "Verdicts per test"). */
public enum Verdict {
    /** The requirement holds. */
    PASS,
    /** A SHOULD is not met; conformance is not affected. */
    WARN,
    /** A MUST is not met. */
    FAIL,
    /** The suite or the environment failed while running the test. */
    ERROR,
    /** A precondition could not be reached; the reason names it. */
    INCONCLUSIVE,
    /** The gateway declared the feature absent; the reason says which. */
    NOT_APPLICABLE,
    /** Not run: outside {@code --include} or matched by {@code --exclude}; the reason names the option. */
    EXCLUDED;

    public boolean counted() {
        return this == PASS || this == WARN;
    }

    public boolean failed() {
        return this == FAIL || this == ERROR;
    }

    public boolean skipped() {
        return this == INCONCLUSIVE || this == NOT_APPLICABLE || this == EXCLUDED;
    }
}
