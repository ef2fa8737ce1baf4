package org.byon.gateway.faults;

import java.util.Arrays;
import java.util.Optional;

/** The named faults of docs/gateway.md. Each breaks exactly one thing; all are off unless configured. */
public enum Fault {
    NO_CORRELATOR_ECHO("no-correlator-echo"),
    NO_LOCATION_HEADER("no-location-header"),
    CREATE_RETURNS_200("create-returns-200"),
    DELETE_RETURNS_200("delete-returns-200"),
    WRONG_ERROR_CODE("wrong-error-code"),
    VALIDATION_500("validation-500"),
    SCHEMA_BREAK_RACM("schema-break-racm"),
    BOLA_LEAK("bola-leak"),
    SPOOFING_ALLOWED("spoofing-allowed"),
    ACCEPT_UNSIGNED_TOKEN("accept-unsigned-token"),
    DOUBLE_DELETE_204("double-delete-204"),
    STATE_MACHINE_LAX("state-machine-lax"),
    WEBHOOK_NO_AUTH("webhook-no-auth"),
    WEBHOOK_NO_RETRY("webhook-no-retry"),
    EVENT_SEQUENCE_GAP("event-sequence-gap"),
    EVENT_MISSING_RINGING("event-missing-ringing"),
    EVENT_WRONG_ORDER("event-wrong-order"),
    INVALID_CLOUDEVENT("invalid-cloudevent"),
    NO_ANSWERED_ELSEWHERE("no-answered-elsewhere"),
    BUSY_NOT_DETECTED("busy-not-detected"),
    REPLAY_IGNORED("replay-ignored"),
    REGISTRATION_ENDS_MISSING("registration-ends-missing");

    private final String externalName;

    Fault(String externalName) {
        this.externalName = externalName;
    }

    /** The name used in {@code byon.faults} and on {@code /simulator/v1/faults}. */
    public String externalName() {
        return externalName;
    }

    public static Optional<Fault> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.externalName.equals(name.trim())).findFirst();
    }
}
