package org.byon.gateway.web.faults;

import org.byon.gateway.faults.ConditionalOnFaults;
import org.byon.gateway.web.RacmController;
import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.web.model.RacmSession;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** The {@code schema-break-racm} fault, on the outgoing body at the edge: a RACM session without its required {@code phoneNumber}. */
@ControllerAdvice(assignableTypes = RacmController.class)
@ConditionalOnFaults
class FaultyRacmBody implements ResponseBodyAdvice<Object> {
    private final FaultSwitch faults;

    FaultyRacmBody(FaultSwitch faults) {
        this.faults = faults;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof RacmSession s && faults.on(Fault.SCHEMA_BREAK_RACM)) {
            s.setPhoneNumber(null);
        }
        return body;
    }
}
