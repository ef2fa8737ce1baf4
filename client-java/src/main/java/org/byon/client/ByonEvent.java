package org.byon.client;

import java.time.OffsetDateTime;
import org.byon.client.internal.Redactor;

/**
 * A notification received on a channel: one CloudEvents 1.0 event of the BYON contract, mapped to
 * a typed record. The hierarchy is sealed: these four records are all there is, so on Java 21 a
 * pattern {@code switch} over it is exhaustive; on Java 17 use {@code instanceof}:
 *
 * <pre>{@code
 * if (event instanceof ByonEvent.SessionInvitation inv) {
 *     inv.call().answer(mySdp);
 * } else if (event instanceof ByonEvent.SessionStatusChanged s) {
 *     log(s.voiceSessionId() + " " + s.status());
 * } else if (event instanceof ByonEvent.RegistrationEnded r) {
 *     reRegister();
 * } else if (event instanceof ByonEvent.ChannelEnded c) {
 *     reopen();
 * }
 * }</pre>
 *
 * <p>Event types this client does not know are skipped (their sequence numbers still count, so they
 * never show up as a gap). Every record is immutable and thread-safe; the {@link IncomingCall}
 * carried by {@link SessionInvitation} is itself thread-safe.
 */
public sealed interface ByonEvent {

    /** @return the CloudEvents {@code id} */
    String id();

    /** @return the channel's {@code sequence} extension: 1 for the first event, increasing by 1 */
    long sequence();

    /** @return the CloudEvents {@code time}, or {@code null} when absent */
    OffsetDateTime time();

    /**
     * {@code org.byon.voice.v1.session-invitation}: an incoming call offered to this endpoint.
     *
     * @param id                the CloudEvents id
     * @param sequence          the channel sequence
     * @param time              the event time, possibly {@code null}
     * @param call              the handle to answer, ring or decline this leg
     * @param racmSessionId     the registration the call was offered to
     * @param originatorAddress the caller, e.g. {@code tel:+447700900001}
     * @param receiverAddress   the callee (this subscriber)
     * @param offerSdp          the caller's SDP offer
     */
    record SessionInvitation(String id, long sequence, OffsetDateTime time, IncomingCall call,
                             String racmSessionId, String originatorAddress, String receiverAddress,
                             String offerSdp) implements ByonEvent {
        /** @return the fields with the SDP shown by its size only (no addresses or ICE candidates in logs) */
        @Override
        public String toString() {
            return "SessionInvitation[id=" + id + ", sequence=" + sequence + ", time=" + time + ", call=" + call
                    + ", racmSessionId=" + racmSessionId + ", originatorAddress=" + originatorAddress
                    + ", receiverAddress=" + receiverAddress + ", offerSdp=" + Redactor.sdp(offerSdp) + "]";
        }
    }

    /**
     * {@code org.byon.voice.v1.session-status}: a voice session changed status.
     *
     * @param id             the CloudEvents id
     * @param sequence       the channel sequence
     * @param time           the event time, possibly {@code null}
     * @param voiceSessionId the session
     * @param status         the new status ({@link CallStatus#UNKNOWN} for a value this client does not know)
     * @param reason         the contract's {@code reason} (e.g. {@code ANSWERED_ELSEWHERE}), possibly {@code null}
     * @param answerSdp      the SDP answer when the event carries one (e.g. on {@code Connected}), else {@code null}
     * @param offerSdp       the SDP offer when the event carries one (e.g. on {@code Hold}), else {@code null}
     */
    record SessionStatusChanged(String id, long sequence, OffsetDateTime time, String voiceSessionId,
                                CallStatus status, String reason, String answerSdp, String offerSdp)
            implements ByonEvent {
        /** @return the fields with the SDPs shown by their size only */
        @Override
        public String toString() {
            return "SessionStatusChanged[id=" + id + ", sequence=" + sequence + ", time=" + time + ", voiceSessionId="
                    + voiceSessionId + ", status=" + status + ", reason=" + reason + ", answerSdp=" + Redactor.sdp(answerSdp)
                    + ", offerSdp=" + Redactor.sdp(offerSdp) + "]";
        }
    }

    /**
     * {@code org.byon.racm.v1.registration-ends}: a registration ended.
     *
     * @param id                the CloudEvents id
     * @param sequence          the channel sequence
     * @param time              the event time, possibly {@code null}
     * @param racmSessionId     the registration
     * @param terminationReason e.g. {@code REGISTRATION_EXPIRED}, {@code ACCESS_TOKEN_EXPIRED},
     *                          {@code NETWORK_TERMINATED}, {@code DELETED}; unknown values are passed through
     */
    record RegistrationEnded(String id, long sequence, OffsetDateTime time, String racmSessionId,
                             String terminationReason) implements ByonEvent {
    }

    /**
     * {@code org.byon.channel.v1.channel-ends}: the notification channel ended; no reconnect follows.
     *
     * @param id                the CloudEvents id
     * @param sequence          the channel sequence
     * @param time              the event time, possibly {@code null}
     * @param channelId         the channel
     * @param terminationReason why it ended, passed through as sent
     */
    record ChannelEnded(String id, long sequence, OffsetDateTime time, String channelId,
                        String terminationReason) implements ByonEvent {
    }
}
