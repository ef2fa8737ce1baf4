package org.byon.client;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A device registered in the operator's network under the subscriber's own number (the contract's
 * {@code RacmSession}), obtained from {@link ByonClient#register(NotificationChannelHandle)}.
 *
 * <p>While open, the registration keeps itself alive: shortly before the access token it was last
 * refreshed with expires (and before the registration's own {@code expiresAt}), it obtains a fresh
 * token from the client's {@link TokenSource} and sends {@code PUT /racm/sessions/{id}} with it.
 * {@link #close()} de-registers ({@code DELETE}); the device's calls are released by the gateway.
 *
 * <p>Thread-safe.
 */
public interface Registration extends AutoCloseable {

    /** @return the gateway's {@code racmSessionId} */
    String racmSessionId();

    /** @return the subscriber's number in E.164, as proven by the token, e.g. {@code +447700900001} */
    String phoneNumber();

    /** @return the device id the registration was made for */
    java.util.UUID deviceId();

    /** @return the channel the registration's events are delivered on */
    String channelId();

    /** @return when the registration expires unless refreshed, if the gateway said so */
    Optional<OffsetDateTime> expiresAt();

    /** @return whether the registration is still active (not closed, no {@code registration-ends} seen) */
    boolean isActive();

    /**
     * Places an outgoing call from the subscriber's own number.
     *
     * @param receiver a phone number in E.164 ({@code +447700900002}), a TEL URI
     *                 ({@code tel:+447700900002}) or a SIP URI
     * @param offerSdp the SDP offer
     * @return the call, with the status of the creation response
     * @throws ByonApiException e.g. 403 {@code PERMISSION_DENIED}, 400 {@code INVALID_ARGUMENT}
     */
    Call call(String receiver, String offerSdp);

    /**
     * {@link #call(String, String)} without blocking a thread while the request is in flight.
     *
     * @param receiver the callee
     * @param offerSdp the SDP offer
     * @return the future call
     */
    CompletableFuture<Call> callAsync(String receiver, String offerSdp);

    /**
     * Refreshes the registration now with a fresh token ({@code PUT}); normally done automatically.
     *
     * @throws ByonApiException when the gateway refuses
     */
    void refresh();

    /**
     * Stops the automatic refresh and de-registers ({@code DELETE}, a 404 is ignored). Idempotent.
     *
     * @throws ByonApiException when the gateway refuses the deletion with an error other than 404
     */
    @Override
    void close();

    /**
     * {@link #close()} without blocking a thread while the request is in flight.
     *
     * @return completes when de-registered
     */
    CompletableFuture<Void> closeAsync();
}
