package org.byon.gateway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.byon.gateway.common.ErrorCode;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replaces Boot's whitelabel {@code /error}: errors raised outside MVC also answer an {@code ErrorInfo}. */
@RestController
public class ErrorInfoController implements ErrorController {
    private final ApiErrors errors;

    public ErrorInfoController(ApiErrors errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object s = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = s instanceof Integer i ? i : 500;
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_ARGUMENT;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCode.ABORTED;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
        };
        return errors.response(code, status >= 500 ? "internal error" : "request failed");
    }
}
