package org.byon.gateway.web.faults;

import jakarta.servlet.http.HttpServletRequest;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.web.ApiErrors;
import org.byon.gateway.web.ApiExceptionHandler;
import org.byon.gateway.faults.ConditionalOnFaults;
import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The error-mapping faults, decorating {@link ApiExceptionHandler} (asked first, it hands every case it does not
 * bend to that handler): {@code double-delete-204} answers a DELETE of a missing resource 204;
 * {@code validation-500} answers a body or parameter that fails validation 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnFaults
class FaultyExceptionHandler {
    private final ApiExceptionHandler delegate;
    private final ApiErrors errors;
    private final FaultSwitch faults;

    FaultyExceptionHandler(ApiExceptionHandler delegate, ApiErrors errors, FaultSwitch faults) {
        this.delegate = delegate;
        this.errors = errors;
        this.faults = faults;
    }

    @ExceptionHandler(ByonException.class)
    ResponseEntity<Object> domain(ByonException e, HttpServletRequest request) {
        if (e.errorCode() == ErrorCode.NOT_FOUND && "DELETE".equals(request.getMethod())
                && faults.on(Fault.DOUBLE_DELETE_204)) {
            return errors.noContent();
        }
        return delegate.domain(e);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e) {
        return faults.on(Fault.VALIDATION_500) ? internal() : delegate.invalidBody(e);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameter(HandlerMethodValidationException e) {
        return faults.on(Fault.VALIDATION_500) ? internal() : delegate.invalidParameter(e);
    }

    private ResponseEntity<Object> internal() {
        return errors.response(ErrorCode.INTERNAL, "internal error");
    }
}
