package org.byon.client;

/**
 * Where a {@link ByonClient} writes its log: one line per HTTP exchange (method, URL, status,
 * {@code x-correlator}, at {@link Level#DEBUG}), reconnects, refreshes, and failures handled in the
 * background ({@link Level#WARNING}). Set with {@link ByonClient.Builder#logger(ByonLogger)}; the
 * default writes to {@link System.Logger} {@code org.byon.client}.
 *
 * <p>Every message is redacted before it reaches the logger: bearer tokens, {@code access_token}
 * values and credential query parameters become {@code ***}, and an SDP (with its ICE candidates
 * and addresses) becomes {@code <sdp N bytes>}. Bodies are never logged. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ByonLogger {

    /** The level of a log line. */
    enum Level {
        /** Per exchange and per reconnect detail. */
        DEBUG,
        /** Notable but expected. */
        INFO,
        /** Something failed and was handled (retried, ignored, the object closed). */
        WARNING
    }

    /**
     * @param level   the level
     * @param message the redacted message
     * @param error   the failure, or {@code null}
     */
    void log(Level level, String message, Throwable error);

    /** @return the default logger: {@link System.Logger} named {@code org.byon.client} */
    static ByonLogger systemLogger() {
        System.Logger logger = System.getLogger("org.byon.client");
        return (level, message, error) -> {
            System.Logger.Level l = switch (level) {
                case DEBUG -> System.Logger.Level.DEBUG;
                case INFO -> System.Logger.Level.INFO;
                case WARNING -> System.Logger.Level.WARNING;
            };
            if (logger.isLoggable(l)) {
                logger.log(l, message, error);
            }
        };
    }
}
