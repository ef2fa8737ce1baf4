package org.byon.gateway.web;

import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.web.model.RacmSession;
import org.springframework.stereotype.Component;

/** The {@code schema-break-racm} fault, applied to the outgoing DTO at the edge. */
@Component
public class SchemaFaults {
    private final FaultSwitch faults;

    public SchemaFaults(FaultSwitch faults) {
        this.faults = faults;
    }

    RacmSession racm(RacmSession s) {
        if (faults.on(Fault.SCHEMA_BREAK_RACM)) {
            s.setPhoneNumber(null);
        }
        return s;
    }
}
