package org.byon.gateway.web;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.web.model.ErrorInfo;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds {@code ErrorInfo} responses from {@link ErrorCode}s ({@link org.byon.gateway.web.faults.FaultyApiErrors} bends them when faults are wired). */
@Component
public class ApiErrors {
    public ResponseEntity<Object> response(ErrorCode code, String message) {
        return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON).body(body(code, message));
    }

    public ErrorInfo body(ErrorCode code, String message) {
        return new ErrorInfo(code.status(), code.code(), message);
    }

    public ResponseEntity<Object> noContent() {
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
