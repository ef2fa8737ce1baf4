package org.byon.gateway.channel;

/** The CloudEvent types of the contract. */
public enum EventType {
    SESSION_INVITATION("org.byon.voice.v1.session-invitation"),
    SESSION_STATUS("org.byon.voice.v1.session-status"),
    REGISTRATION_ENDS("org.byon.racm.v1.registration-ends"),
    CHANNEL_ENDS("org.byon.channel.v1.channel-ends");

    private final String type;

    EventType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }
}
