package org.byon.gateway.web;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.web.model.ErrorInfo;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds {@code ErrorInfo} responses from {@link ErrorCode}s (applying the {@code wrong-error-code} fault). */
@Component
public class ApiErrors {
    private final FaultSwitch faults;

    public ApiErrors(FaultSwitch faults) {
        this.faults = faults;
    }

    public ResponseEntity<Object> response(ErrorCode code, String message) {
        return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON).body(body(code, message));
    }

    public ErrorInfo body(ErrorCode code, String message) {
        String c = code == ErrorCode.NOT_FOUND && faults.on(Fault.WRONG_ERROR_CODE)
                ? ErrorCode.WRONG_NOT_FOUND_CODE : code.code();
        return new ErrorInfo(code.status(), c, message);
    }

    public ResponseEntity<Object> noContent() {
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
