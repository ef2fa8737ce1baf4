package org.byon.client;

/**
 * Authentication failed: the token endpoint refused to issue a token (OAuth 2.0 error codes such as
 * {@code invalid_client} in {@link #code()}, RFC 6749 section 5.2), or the gateway answered
 * {@code 401 UNAUTHENTICATED} even after the token was renewed once. Retrying with the same
 * credentials will not help.
 *
 * <p>Immutable and thread-safe.
 */
public final class ByonAuthenticationException extends ByonApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param status     the HTTP status (401, or the token endpoint's 400 / 401)
     * @param code       {@code ErrorInfo.code} or the OAuth {@code error}; never {@code null}
     * @param message    the message, possibly {@code null}
     * @param correlator the {@code x-correlator}, {@code null} for the token endpoint
     */
    public ByonAuthenticationException(int status, String code, String message, String correlator) {
        super(status, code, message, correlator, null);
    }
}
