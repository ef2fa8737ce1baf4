package org.byon.conformance.cli;

import org.byon.conformance.engine.Session;

/**
 * Contract violations the suite causes itself and must not blame on the gateway: the suite's own
 * webhook receiver listens on plain http (a test setup the operator enables on the gateway), so
 * the echoed {@code notificationUrl} cannot match byon.yaml's {@code ^https://} pattern.
 */
final class SelfTolerations {
    private SelfTolerations() {
    }

    static void apply(Session session) {
        String url = session.config().webhook().publicUrl().orElse("http://");
        if (url.startsWith("http://")) {
            session.contract().tolerate("notificationUrl.*\\^https://|\\^https://.*notificationUrl|ECMA 262 regex \"\\^https://\" does not match input string \"http://");
        }
    }
}
