package org.byon.client.internal;

/** Logging through {@link System.Logger} (no logging dependency). */
final class Log {
    private static final System.Logger LOGGER = System.getLogger("org.byon.client");

    private Log() {
    }

    static void warn(String message) {
        LOGGER.log(System.Logger.Level.WARNING, message);
    }

    static void warn(String message, Throwable t) {
        LOGGER.log(System.Logger.Level.WARNING, message, t);
    }

    static void debug(String message) {
        LOGGER.log(System.Logger.Level.DEBUG, message);
    }
}
