package org.byon.gateway.voice;

/** The contract's {@code VoiceSessionReason}. */
public enum VoiceReason {
    ANSWERED_ELSEWHERE, LOCAL_HANGUP, REMOTE_HANGUP, CALLER_CANCELLED, DECLINED, BUSY, NO_ANSWER, NOT_REACHABLE,
    REGISTRATION_ENDED, NETWORK_FAILURE
}
