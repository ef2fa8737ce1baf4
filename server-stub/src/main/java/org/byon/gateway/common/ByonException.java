package org.byon.gateway.common;

/**
 * The one exception the domain throws for a contract error; the web layer turns it into {@code ErrorInfo}.
 * No stack trace is filled in: it is control flow, not a bug.
 */
public final class ByonException extends RuntimeException {
    private final ErrorCode errorCode;

    public ByonException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public static ByonException notFound(String what, String id) {
        return new ByonException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ByonException invalid(String message) {
        return new ByonException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
