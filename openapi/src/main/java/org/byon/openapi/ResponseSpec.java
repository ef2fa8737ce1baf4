package org.byon.openapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One documented response of an operation.
 *
 * @param status the status key as written in byon.yaml ({@code 200}, {@code 404}, {@code 5XX})
 * @param schema the component schema name of its JSON body, if it has one
 * @param codes  the {@code ErrorInfo.code} values it can carry: the {@code code} enum of its schema,
 *               else the codes of its examples; empty for a success response
 */
public record ResponseSpec(String status, Optional<String> schema, List<String> codes) {

    /** Defensive copy; every component is required. */
    public ResponseSpec {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(schema, "schema");
        codes = List.copyOf(codes);
    }

    /** True for a 4xx or 5xx response. */
    public boolean isError() {
        return status.startsWith("4") || status.startsWith("5");
    }
}
