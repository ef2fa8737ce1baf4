package org.byon.gateway.common;

/**
 * Every error code the gateway answers with, and its HTTP status: the one place where the contract's
 * {@code ErrorInfo.code} values live (CAMARA Commonalities plus the API-specific {@code BYON.*} codes).
 */
public enum ErrorCode {
    INVALID_ARGUMENT(400, "INVALID_ARGUMENT"),
    OUT_OF_RANGE(400, "OUT_OF_RANGE"),
    UNAUTHENTICATED(401, "UNAUTHENTICATED"),
    PERMISSION_DENIED(403, "PERMISSION_DENIED"),
    INVALID_TOKEN_CONTEXT(403, "INVALID_TOKEN_CONTEXT"),
    MAX_REGISTRATION_PER_USER(403, "BYON.MAX_REGISTRATION_PER_USER"),
    NOT_FOUND(404, "NOT_FOUND"),
    METHOD_NOT_ALLOWED(405, "METHOD_NOT_ALLOWED"),
    NOT_ACCEPTABLE(406, "NOT_ACCEPTABLE"),
    ALREADY_EXISTS(409, "ALREADY_EXISTS"),
    INCOMPATIBLE_STATE(409, "INCOMPATIBLE_STATE"),
    ABORTED(409, "ABORTED"),
    CONTENT_TOO_LARGE(413, "CONTENT_TOO_LARGE"),
    EXPECTATION_FAILED(417, "EXPECTATION_FAILED"),
    UNSUPPORTED_MEDIA_TYPE(415, "UNSUPPORTED_MEDIA_TYPE"),
    UNKNOWN_CHANNEL(422, "BYON.UNKNOWN_CHANNEL"),
    UNKNOWN_RACM_SESSION(422, "BYON.UNKNOWN_RACM_SESSION"),
    NOTIFICATION_URL_NOT_ALLOWED(422, "BYON.NOTIFICATION_URL_NOT_ALLOWED"),
    QUOTA_EXCEEDED(429, "QUOTA_EXCEEDED"),
    TOO_MANY_REQUESTS(429, "TOO_MANY_REQUESTS"),
    HEADER_FIELDS_TOO_LARGE(431, "HEADER_FIELDS_TOO_LARGE"),
    INTERNAL(500, "INTERNAL"),
    UNAVAILABLE(503, "UNAVAILABLE");

    /** The code the {@code wrong-error-code} fault puts on 404 bodies. */
    public static final String WRONG_NOT_FOUND_CODE = "RESOURCE_NOT_FOUND";

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
