package org.byon.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of rejected requests that cannot flood the log: a client error is one line without stack trace
 * (method, status, a fixed reason; never the URI, a header or a body) and at most {@value #LINES_PER_MINUTE}
 * such lines a minute, then one line saying how many were left out. Server errors keep their stack trace,
 * equally rate-limited.
 */
public final class ClientErrorLog {
    static final int LINES_PER_MINUTE = 20;
    public static final ClientErrorLog SHARED = new ClientErrorLog(LoggerFactory.getLogger("org.byon.gateway.rejected"));

    private final Logger log;
    private final Object lock = new Object();
    private long windowStart;
    private int linesInWindow;
    private final AtomicLong suppressed = new AtomicLong();

    ClientErrorLog(Logger log) {
        this.log = log;
    }

    public void clientError(int status, String method, String reason) {
        if (!log.isInfoEnabled() || !admit()) {
            return;
        }
        log.info("rejected {} {}: {}{}", safe(method), status, reason, leftOut());
    }

    public void serverError(String where, Throwable t) {
        if (!admit()) {
            return;
        }
        log.error("unexpected error in {}{}", where, leftOut(), t);
    }

    private boolean admit() {
        long now = System.nanoTime();
        synchronized (lock) {
            if (now - windowStart > 60_000_000_000L || linesInWindow == 0 && windowStart == 0) {
                windowStart = now;
                linesInWindow = 0;
            }
            if (linesInWindow >= LINES_PER_MINUTE) {
                suppressed.incrementAndGet();
                return false;
            }
            linesInWindow++;
            return true;
        }
    }

    private String leftOut() {
        long n = suppressed.getAndSet(0);
        return n == 0 ? "" : " (" + n + " similar lines left out)";
    }

    private static String safe(String method) {
        if (method == null || method.length() > 16 || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return "<other>";
        }
        return method;
    }
}
