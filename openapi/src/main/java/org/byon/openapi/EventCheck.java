package org.byon.openapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one CloudEvent.
 *
 * @param type   the contract's event type the event's {@code type} names; empty for a type the
 *               contract does not know, which a client ignores (tolerant reader, byon.yaml
 *               {@code CloudEvent.type}): then only the envelope was checked
 * @param errors what does not match the contract; empty when valid
 */
public record EventCheck(Optional<EventSpec> type, List<String> errors) {

    /** Defensive copy; every component is required. */
    public EventCheck {
        Objects.requireNonNull(type, "type");
        errors = List.copyOf(errors);
    }

    /** True when the event's type is one the contract declares. */
    public boolean known() {
        return type.isPresent();
    }

    /** True when nothing is wrong; an event of an unknown type with a valid envelope is valid (and ignored). */
    public boolean valid() {
        return errors.isEmpty();
    }
}
