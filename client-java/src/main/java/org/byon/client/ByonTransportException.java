package org.byon.client;

import java.io.IOException;

/**
 * No HTTP response was received: the connection was refused or reset, timed out, or the calling
 * thread was interrupted. The cause is the underlying {@link IOException} (an
 * {@link java.io.InterruptedIOException} after an interrupt; the thread's interrupt flag is set
 * again). Whether the gateway processed a non-idempotent request ({@code POST}) is unknown.
 *
 * <p>Immutable and thread-safe.
 */
public final class ByonTransportException extends ByonException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, e.g. {@code "POST /voice/sessions failed"}
     * @param cause   the I/O failure
     */
    public ByonTransportException(String message, IOException cause) {
        super(message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
