package org.byon.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An error answered by a BYON gateway (or by its token endpoint), carrying the contract's
 * {@code ErrorInfo} ({@code status}, {@code code}, {@code message}) and the {@code x-correlator}
 * of the exchange, so a caller can branch on the contract's codes, for example
 * {@code INCOMPATIBLE_STATE}, {@code PERMISSION_DENIED} or {@code NOT_FOUND}:
 *
 * <pre>{@code
 * try {
 *     call.hold(offerSdp);
 * } catch (ByonApiException e) {
 *     if (e.status() == 409 && "INCOMPATIBLE_STATE".equals(e.code())) { ... }
 * }
 * }</pre>
 *
 * <p>When the response body is not an {@code ErrorInfo} (a proxy's HTML page, say), {@link #code()}
 * is {@code "UNKNOWN"} and {@link #message()} is the beginning of the body. Transport failures (no
 * HTTP response at all) are reported as {@link ByonTransportException}; refused tokens as the
 * subtype {@link ByonAuthenticationException}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed class ByonApiException extends ByonException permits ByonAuthenticationException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String errorMessage;
    private final String correlator;
    private final Duration retryAfter;

    /**
     * Creates an exception.
     *
     * @param status     the HTTP status of the response
     * @param code       the contract's error code ({@code ErrorInfo.code}); never {@code null}
     * @param message    the human-readable message ({@code ErrorInfo.message}); may be {@code null}
     * @param correlator the {@code x-correlator} echoed by the server, or the one sent when none
     *                   was echoed; may be {@code null} (token endpoint)
     */
    public ByonApiException(int status, String code, String message, String correlator) {
        this(status, code, message, correlator, null);
    }

    /**
     * Creates an exception with the server's {@code Retry-After}.
     *
     * @param status     the HTTP status of the response
     * @param code       the contract's error code; never {@code null}
     * @param message    the message; may be {@code null}
     * @param correlator the correlator; may be {@code null}
     * @param retryAfter the {@code Retry-After} of a 429 or 503, or {@code null}
     */
    public ByonApiException(int status, String code, String message, String correlator, Duration retryAfter) {
        super(status + " " + code + (message == null ? "" : ": " + message)
                + (correlator == null ? "" : " [x-correlator " + correlator + "]"), null);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.errorMessage = message;
        this.correlator = correlator;
        this.retryAfter = retryAfter;
    }

    /**
     * @param expectedCode a code of the contract, e.g. {@code "INCOMPATIBLE_STATE"}
     * @return whether this error carries that code
     */
    public boolean is(String expectedCode) {
        return code.equals(expectedCode);
    }

    /** @return the HTTP status, e.g. 409 */
    public int status() {
        return status;
    }

    /** @return the contract's error code, e.g. {@code INCOMPATIBLE_STATE}, never {@code null} */
    public String code() {
        return code;
    }

    /** @return the server's human-readable message, possibly {@code null} */
    public String message() {
        return errorMessage;
    }

    /** @return the correlator of the failed exchange, possibly {@code null} */
    public String correlator() {
        return correlator;
    }

    /**
     * @return the server's {@code Retry-After} (429, 503), when it sent one; the client has already
     *         waited and retried idempotent requests before throwing
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
