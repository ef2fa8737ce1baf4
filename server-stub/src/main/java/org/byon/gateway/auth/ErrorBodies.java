package org.byon.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;

/** Writes an {@code ErrorInfo} body outside Spring MVC (security entry point and access-denied handler). */
final class ErrorBodies {
    private ErrorBodies() {
    }

    static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(code.status());
        response.setContentType("application/json");
        String body = "{\"status\":" + code.status() + ",\"code\":\"" + code.code() + "\",\"message\":\""
                + message.replaceAll("[\\p{Cntrl}]", " ").replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
