package org.byon.client.internal;

import org.byon.client.ByonLogger;

/** The client's log: every message redacted ({@link Redactor}) before it reaches the {@link ByonLogger}. Thread-safe. */
public final class Log {

    private final ByonLogger logger;

    public Log(ByonLogger logger) {
        this.logger = logger != null ? logger : ByonLogger.systemLogger();
    }

    void warn(String message) {
        log(ByonLogger.Level.WARNING, message, null);
    }

    void warn(String message, Throwable t) {
        log(ByonLogger.Level.WARNING, message, t);
    }

    void debug(String message) {
        log(ByonLogger.Level.DEBUG, message, null);
    }

    void log(ByonLogger.Level level, String message, Throwable t) {
        try {
            logger.log(level, Redactor.redact(message), t);
        } catch (RuntimeException ignored) {
            // a failing logger must not break the client
        }
    }
}
