package org.byon.gateway.voice;

/** An immutable snapshot of a voice session, for the web layer. */
public record VoiceSessionView(String voiceSessionId, String racmSessionId, Direction direction,
                               String originatorAddress, String originatorName, String receiverAddress,
                               String receiverName, VoiceStatus status, String offer, String answer, String callType,
                               VoiceReason reason) {
}
