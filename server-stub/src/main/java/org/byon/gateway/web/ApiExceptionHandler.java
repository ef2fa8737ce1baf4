package org.byon.gateway.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.BodyTooLargeException;
import org.byon.gateway.edge.ClientErrorLog;
import org.byon.gateway.edge.EdgeFilter;
import org.byon.gateway.edge.ErrorMapping;
import org.byon.gateway.edge.ErrorResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * The one place where exceptions become {@code ErrorInfo}: domain errors with their contract code, and
 * every kind of bad input (malformed JSON, unknown enum value, wrong type, missing field, wrong content
 * type) as 400 {@code INVALID_ARGUMENT}; never a stack trace, never a 5xx for bad input.
 */
@RestControllerAdvice
public class ApiExceptionHandler {
    private final ApiErrors errors;
    public ApiExceptionHandler(ApiErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ByonException.class)
    public ResponseEntity<Object> domain(ByonException e) {
        return errors.response(e.errorCode(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e) {
        FieldError field = e.getBindingResult().getFieldError();
        String message = field != null ? field.getField() + ": " + field.getDefaultMessage()
                : "the request body is not valid";
        return errors.response(ErrorCode.INVALID_ARGUMENT, message);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<Object> invalidParameter(HandlerMethodValidationException e) {
        String message = e.getParameterValidationResults().stream()
                .findFirst()
                .map(r -> r.getResolvableErrors().stream().findFirst()
                        .map(x -> (x instanceof FieldError f ? f.getField()
                                : r.getMethodParameter().getParameterName()) + ": " + x.getDefaultMessage())
                        .orElse(r.getMethodParameter().getParameterName() + ": invalid"))
                .orElse("a parameter is not valid");
        return errors.response(ErrorCode.INVALID_ARGUMENT, message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        if (BodyTooLargeException.in(e)) {
            return errors.response(ErrorCode.CONTENT_TOO_LARGE, ErrorMapping.message(ErrorCode.CONTENT_TOO_LARGE));
        }
        return errors.response(ErrorCode.INVALID_ARGUMENT, JsonErrors.message(e));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return errors.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }

    /** Written directly: the client accepts no type the message converters would write an ErrorInfo in. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request,
                                         HttpServletResponse response) throws IOException {
        ErrorResponses.write(request, response, ErrorCode.NOT_ACCEPTABLE, ErrorMapping.message(ErrorCode.NOT_ACCEPTABLE));
        return null;
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, ServletRequestBindingException.class})
    ResponseEntity<Object> badParameter(Exception e) {
        return errors.response(ErrorCode.INVALID_ARGUMENT, "a parameter is not valid");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Object> noSuchPath(Exception e) {
        return errors.response(ErrorCode.NOT_FOUND, "no such resource");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<Object> r = errors.response(ErrorCode.METHOD_NOT_ALLOWED,
                ErrorMapping.message(ErrorCode.METHOD_NOT_ALLOWED));
        if (e.getSupportedHttpMethods() != null) {
            HttpHeaders h = new HttpHeaders();
            h.putAll(r.getHeaders());
            h.setAllow(e.getSupportedHttpMethods());
            return ResponseEntity.status(r.getStatusCode()).headers(h).body(r.getBody());
        }
        return r;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (BodyTooLargeException.in(e)) {
            return errors.response(ErrorCode.CONTENT_TOO_LARGE, ErrorMapping.message(ErrorCode.CONTENT_TOO_LARGE));
        }
        if (EdgeFilter.clientCaused(e)) {
            ClientErrorLog.SHARED.clientError(400, request.getMethod(), "refused input");
            return errors.response(ErrorCode.INVALID_ARGUMENT, ErrorMapping.message(ErrorCode.INVALID_ARGUMENT));
        }
        ClientErrorLog.SHARED.serverError(request.getMethod() + " " + WebConfiguration.API_PREFIX + " operation", e);
        return errors.response(ErrorCode.INTERNAL, "internal error");
    }
}
