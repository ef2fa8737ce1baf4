package org.byon.gateway.channel;

import java.util.List;

import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;

/**
 * The CloudEvent types of the contract, as the domain names them. The wire strings are not written
 * here: each constant takes the type of byon.yaml's {@code CloudEvent} discriminator mapping whose
 * last segment is the constant's name in kebab case ({@code SESSION_STATUS} ->
 * {@code org.byon.voice.v1.session-status}). A constant the contract lacks fails class
 * initialisation, so the gateway does not start; a contract type without a constant fails
 * {@code EventTypeTest}.
 */
public enum EventType {
    SESSION_INVITATION,
    SESSION_STATUS,
    REGISTRATION_ENDS,
    CHANNEL_ENDS;

    private final String type;

    EventType() {
        this.type = wireType(name(), ByonContract.load().eventTypes());
    }

    /** The CloudEvents {@code type} string, from byon.yaml. */
    public String type() {
        return type;
    }

    /** The contract type whose last segment is {@code constant} in kebab case; fails when there is not exactly one. */
    static String wireType(String constant, List<EventSpec> contractTypes) {
        String suffix = "." + constant.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        List<String> matches = contractTypes.stream().map(EventSpec::type).filter(t -> t.endsWith(suffix)).toList();
        if (matches.size() != 1) {
            throw new IllegalStateException("byon.yaml must declare exactly one CloudEvent type ending in '" + suffix
                    + "' for EventType." + constant + ", found " + matches);
        }
        return matches.get(0);
    }
}
