package org.byon.gateway.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.ErrorResponses;

/** Writes an {@code ErrorInfo} body outside Spring MVC (security entry point and access-denied handler). */
final class ErrorBodies {
    private ErrorBodies() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message) throws IOException {
        ErrorResponses.write(request, response, code, message);
    }
}
