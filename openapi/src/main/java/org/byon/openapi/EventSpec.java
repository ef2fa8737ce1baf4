package org.byon.openapi;

import java.util.Objects;

/**
 * One CloudEvent type of byon.yaml, from the {@code CloudEvent} discriminator mapping.
 *
 * @param type       the CloudEvents {@code type}, e.g. {@code org.byon.voice.v1.session-status}
 * @param schema     the component schema of the whole event, e.g. {@code SessionStatusEvent}
 * @param dataSchema the component schema of its {@code data}, e.g. {@code SessionStatusData}
 */
public record EventSpec(String type, String schema, String dataSchema) {

    /** Every component is required. */
    public EventSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(dataSchema, "dataSchema");
    }
}
