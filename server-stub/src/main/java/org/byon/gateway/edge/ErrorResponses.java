package org.byon.gateway.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;

/**
 * Writes an {@code ErrorInfo} body where Spring MVC does not (the servlet container's own rejections, the
 * firewall, the security layer, the edge filter): JSON, the {@code x-correlator} and the security headers
 * Spring Security adds to API responses. The message is a fixed text of ours, never an exception's.
 */
public final class ErrorResponses {
    public static final String CORRELATOR = "x-correlator";
    /** byon.yaml's x-correlator pattern. */
    /** Request attribute set when the {@code no-correlator-echo} fault is on: no correlator is added then. */
    public static final String NO_CORRELATOR = ErrorResponses.class.getName() + ".noCorrelator";
    public static final Pattern CORRELATOR_PATTERN = Pattern.compile("^[a-zA-Z0-9-_:;./<>{}]{0,256}$");

    private ErrorResponses() {
    }

    /** The request's {@code x-correlator} when it matches the contract's pattern, else a new UUID. */
    public static String correlator(String requestValue) {
        return requestValue == null || requestValue.isEmpty() || !CORRELATOR_PATTERN.matcher(requestValue).matches()
                ? UUID.randomUUID().toString() : requestValue;
    }

    public static String json(ErrorCode code, String message) {
        return json(code.status(), code.code(), message);
    }

    static String json(int status, String code, String message) {
        StringBuilder b = new StringBuilder(64 + message.length());
        b.append("{\"status\":").append(status).append(",\"code\":\"").append(code).append("\",\"message\":\"");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.append("\"}").toString();
    }

    /** Headers every error response carries (as Spring Security's header writer sets them). */
    public static void securityHeaders(HttpServletResponse response) {
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        setIfAbsent(response, "Pragma", "no-cache");
        setIfAbsent(response, "Expires", "0");
        setIfAbsent(response, "X-XSS-Protection", "0");
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }

    /** Writes a complete error response unless one was committed already. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(code.status());
        if (!response.containsHeader(CORRELATOR) && (request == null || request.getAttribute(NO_CORRELATOR) == null)) {
            String raw;
            try {
                raw = request == null ? null : request.getHeader(CORRELATOR);
            } catch (RuntimeException rejected) {
                raw = null;
            }
            response.setHeader(CORRELATOR, correlator(raw));
        }
        securityHeaders(response);
        response.setContentType("application/json");
        byte[] body = json(code, message).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
