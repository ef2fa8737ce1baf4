package org.byon.gateway.voice;

/** The domain form of {@code CreateVoiceSession}. */
public record CreateCall(String racmSessionId, String receiverAddress, String offerSdp, String originatorAddress,
                         String originatorName, String receiverName, String callType) {
}
