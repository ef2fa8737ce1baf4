package org.byon.client;

/**
 * The base of every failure this client reports. The hierarchy is sealed, so a caller can tell the
 * three kinds apart and nothing else turns up:
 * <ul>
 *   <li>{@link ByonApiException}: the gateway answered with an error ({@code ErrorInfo}: status,
 *       code, message); branch on {@link ByonApiException#code()};</li>
 *   <li>{@link ByonAuthenticationException} (a {@code ByonApiException}): the token endpoint refused
 *       to issue a token, or the gateway refused the token ({@code 401});</li>
 *   <li>{@link ByonTransportException}: no HTTP response at all (connection refused or reset,
 *       timeout, interrupted).</li>
 * </ul>
 *
 * <p>Requests the contract defines as idempotent ({@code GET}, {@code PUT}, {@code DELETE}) are
 * retried before one of these is thrown, see {@link ByonClient.Builder#retries(int, java.time.Duration)}.
 * Instances are immutable and thread-safe.
 */
public abstract sealed class ByonException extends RuntimeException
        permits ByonApiException, ByonTransportException {

    private static final long serialVersionUID = 1L;

    ByonException(String message, Throwable cause) {
        super(message, cause);
    }
}
