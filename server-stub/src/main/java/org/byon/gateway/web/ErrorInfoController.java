package org.byon.gateway.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.ErrorMapping;
import org.byon.gateway.edge.ErrorResponses;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel {@code /error}: errors raised outside MVC (a {@code sendError} of the container or a
 * filter) also answer an {@code ErrorInfo}, written directly (whatever the request's {@code Accept}). Requested
 * as a path, {@code /error} is not a resource: 404.
 */
@RestController
public class ErrorInfoController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object s = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object t = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ErrorCode code = s instanceof Integer status
                ? ErrorMapping.code(status, t instanceof Throwable x ? x : null, null)
                : ErrorCode.NOT_FOUND;
        ErrorResponses.write(request, response, code, ErrorMapping.message(code));
    }
}
