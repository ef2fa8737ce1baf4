package org.byon.gateway.voice;

import java.util.List;

/**
 * A snapshot of a live call for the simulator.
 *
 * @param callId            the network call id
 * @param from              caller number
 * @param to                callee number (null if the address held no number)
 * @param state             {@code ROUTING}, {@code ALERTING}, {@code CONNECTED}, {@code ENDED}, or for an
 *                          injected call refused at once {@code BUSY} / {@code NOT_REACHABLE}
 * @param answeredBy        {@code web}, {@code smartphone} or {@code external} once connected, else null
 * @param smartphoneRinging whether the callee's smartphone is ringing
 * @param legs              the web legs (voice sessions) still alive
 */
public record CallView(String callId, String from, String to, String state, String answeredBy,
                       boolean smartphoneRinging, List<Leg> legs) {
    /** One web leg. */
    public record Leg(String voiceSessionId, String racmSessionId, Direction direction, VoiceStatus status) {
    }
}
