package org.byon.gateway.web.faults;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.web.ApiErrors;
import org.byon.gateway.faults.ConditionalOnFaults;
import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.web.model.ErrorInfo;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The {@code wrong-error-code} fault, decorating the ErrorInfo builder: a 404 carries a code byon.yaml does not name. */
@Component
@Primary
@ConditionalOnFaults
class FaultyApiErrors extends ApiErrors {
    private final FaultSwitch faults;

    FaultyApiErrors(FaultSwitch faults) {
        this.faults = faults;
    }

    @Override
    public ErrorInfo body(ErrorCode code, String message) {
        ErrorInfo info = super.body(code, message);
        if (code == ErrorCode.NOT_FOUND && faults.on(Fault.WRONG_ERROR_CODE)) {
            info.setCode(ErrorCode.WRONG_NOT_FOUND_CODE);
        }
        return info;
    }
}
