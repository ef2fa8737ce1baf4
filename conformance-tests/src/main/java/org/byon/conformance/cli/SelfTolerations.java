package org.byon.conformance.cli;

import org.byon.conformance.engine.Session;

/**
 * Contract violations the suite causes itself and must not blame on the gateway: the suite's own
 * webhook receiver listens on plain http (a test setup the operator enables on the gateway), so
 * the echoed {@code notificationUrl} cannot match byon.yaml's {@code ^https://} pattern.
 */
public final class SelfTolerations {
    /** The suite's own receiver URLs (path /byon-hooks/...) as echoed in responses. */
    public static final String OWN_HOOK = "\"http://([^\"\\s]*/byon-hooks/[0-9a-f-]+)\"";

    private SelfTolerations() {
    }

    public static void apply(Session session) {
        String url = session.config().webhook().publicUrl().orElse("http://");
        if (url.startsWith("http://")) {
            session.contract().rewriteBeforeValidation(OWN_HOOK, "\"https://$1\"");
        }
    }
}
