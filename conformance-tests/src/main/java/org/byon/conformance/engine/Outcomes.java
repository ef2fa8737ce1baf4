package org.byon.conformance.engine;

/** Exceptions a test throws to end early with a verdict other than PASS. */
public final class Outcomes {
    private Outcomes() {
    }

    /** A precondition could not be reached (INCONCLUSIVE). */
    public static final class Inconclusive extends RuntimeException {
        public Inconclusive(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The gateway declared the feature absent (NOT_APPLICABLE). */
    public static final class NotApplicable extends RuntimeException {
        public NotApplicable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A hard check failed; the failure is already recorded (FAIL). */
    public static final class Stop extends RuntimeException {
        public Stop(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The environment (token endpoint, gateway) is unreachable: the run cannot proceed (exit 3). */
    public static final class EnvironmentFailure extends Exception {
        public EnvironmentFailure(String reason) {
            super(reason);
        }
    }
}
