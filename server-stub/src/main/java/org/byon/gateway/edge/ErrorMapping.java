package org.byon.gateway.edge;

import org.byon.gateway.common.ErrorCode;

/** Maps a bare HTTP status (from the container, a {@code sendError} or the error dispatch) to its contract code. */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    public static ErrorCode code(int status, Throwable cause, String containerMessage) {
        if (status == 400 && (headerTooLarge(cause) || headerTooLarge(containerMessage))) {
            return ErrorCode.HEADER_FIELDS_TOO_LARGE;
        }
        return switch (status) {
            case 400 -> ErrorCode.INVALID_ARGUMENT;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.ABORTED;
            case 413 -> ErrorCode.CONTENT_TOO_LARGE;
            case 417 -> ErrorCode.EXPECTATION_FAILED;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            case 431 -> ErrorCode.HEADER_FIELDS_TOO_LARGE;
            case 501 -> ErrorCode.METHOD_NOT_ALLOWED; // an unknown method is the client's error
            case 505 -> ErrorCode.INVALID_ARGUMENT; // so is an HTTP version we do not speak
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
        };
    }

    /** The text of an error body: the contract's words for the code, nothing from an exception. */
    public static String message(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> "the request is malformed (request line, URI, headers or body)";
            case UNAUTHENTICATED -> "a valid access token is required";
            case PERMISSION_DENIED -> "the client is not allowed to do this";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "the method is not allowed for this resource";
            case NOT_ACCEPTABLE -> "the API answers application/json only";
            case CONTENT_TOO_LARGE -> "the request body is larger than the gateway accepts";
            case HEADER_FIELDS_TOO_LARGE -> "the request headers are larger or more numerous than the gateway accepts";
            case EXPECTATION_FAILED -> "the expectation in the Expect header is not supported";
            case TOO_MANY_REQUESTS -> "too many requests; retry later";
            case UNAVAILABLE -> "the service is unavailable; retry later";
            default -> code.status() >= 500 ? "internal error" : "the request is not valid";
        };
    }

    private static boolean headerTooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (headerTooLarge(c.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean headerTooLarge(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("header") && (m.contains("too large") || m.contains("too many") || m.contains("maximum"));
    }
}
