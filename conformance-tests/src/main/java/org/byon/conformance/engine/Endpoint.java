package org.byon.conformance.engine;

import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.ws.EventStream;

/**
 * A registered web endpoint of a test subscriber: its WebSocket channel (with the open event
 * stream) and its RACM session.
 *
 * @param label short name used in evidence, e.g. {@code B2}
 */
public record Endpoint(String label, SuiteConfig.Subscriber subscriber, String channelId, String channelUrl,
                       EventStream events, String racmSessionId, String deviceId) {
    public String number() {
        return subscriber.phoneNumber();
    }

    public String tel() {
        return subscriber.telUri();
    }
}
