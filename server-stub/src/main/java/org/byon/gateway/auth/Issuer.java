package org.byon.gateway.auth;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * The issuer pinned in tokens and checked on the API: {@code byon.auth.issuer}, or
 * {@code http://localhost:<port>} once the server knows its port (so a random test port works). Thread-safe.
 */
public class Issuer {
    private final String configured;
    private volatile String resolved;

    public Issuer(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : stripSlash(configured);
        this.resolved = this.configured;
    }

    @EventListener
    public void onWebServer(WebServerInitializedEvent event) {
        if (configured == null && event.getApplicationContext().getServerNamespace() == null) {
            resolved = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    /** The issuer, or null before the web server started (and none was configured). */
    public String get() {
        return resolved;
    }

    public boolean configured() {
        return configured != null;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
