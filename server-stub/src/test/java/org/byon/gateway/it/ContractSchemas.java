package org.byon.gateway.it;

import java.util.ArrayList;
import java.util.List;

import org.byon.openapi.ByonContract;
import org.byon.openapi.ContractValidator;
import org.byon.openapi.EventCheck;

/**
 * The ITs' access to the one contract validator (byon-openapi's {@link ContractValidator} over the
 * byon.yaml its jar carries): JSON is checked against byon.yaml itself, never hand-copied expectations.
 */
public final class ContractSchemas {
    private static final ContractSchemas INSTANCE = new ContractSchemas();
    private final ContractValidator validator = ContractValidator.of(ByonContract.load());

    private ContractSchemas() {
    }

    public static ContractSchemas get() {
        return INSTANCE;
    }

    /** The validation errors of {@code json} against {@code #/components/schemas/<name>} (empty when valid). */
    public List<String> errors(String schemaName, String json) {
        return validator.validateSchema(schemaName, json);
    }

    /**
     * The validation errors of one CloudEvent against the schema its {@code type} maps to; a type
     * the contract does not know is an error (the gateway sends only the contract's types).
     */
    public List<String> eventErrors(String json) {
        EventCheck check = validator.validateEvent(json);
        List<String> out = new ArrayList<>(check.errors());
        if (!check.known()) {
            out.add(0, "not an event type of byon.yaml");
        }
        return out;
    }
}
