package org.byon.client;

import java.util.concurrent.CompletableFuture;

/**
 * An incoming call offered to this endpoint by a {@link ByonEvent.SessionInvitation}. It starts as
 * {@link CallStatus#INITIAL}; the caller's offer is {@link #remoteSdp()}. When another endpoint of
 * the subscriber answers first, it ends as {@link CallStatus#TERMINATED} with reason
 * {@code ANSWERED_ELSEWHERE}. After {@link #answer(String)} it is an ordinary {@link Call}.
 *
 * <p>Thread-safe.
 */
public interface IncomingCall extends Call {

    /** @return the caller's address, e.g. {@code tel:+447700900001} */
    default String originatorAddress() {
        return remoteAddress();
    }

    /**
     * Tells the caller that this endpoint is alerting ({@code PUT .../status} {@code Ringing}).
     *
     * @throws ByonApiException e.g. 409 {@code INCOMPATIBLE_STATE} when the call already ended
     */
    void ringing();

    /**
     * Answers the call ({@code PUT .../status} {@code Connected} with the answer).
     *
     * @param answerSdp the SDP answer to the caller's offer
     * @throws ByonApiException e.g. 409 {@code INCOMPATIBLE_STATE} when another endpoint answered first
     */
    void answer(String answerSdp);

    /**
     * {@link #answer(String)} without blocking a thread while the request is in flight.
     *
     * @param answerSdp the SDP answer
     * @return completes when the call was answered
     */
    CompletableFuture<Void> answerAsync(String answerSdp);

    /**
     * Declines the call ({@code PUT .../status} {@code Declined}).
     *
     * @throws ByonApiException e.g. 409 {@code INCOMPATIBLE_STATE} when the call already ended
     */
    void decline();

    /**
     * {@link #decline()} without blocking a thread while the request is in flight.
     *
     * @return completes when the call was declined
     */
    CompletableFuture<Void> declineAsync();
}
