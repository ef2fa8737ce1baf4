package org.byon.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A voice session of this client: an outgoing call placed with
 * {@link Registration#call(String, String)}, or an {@link IncomingCall} after it was offered.
 *
 * <p>The status follows the events of the registration's WebSocket channel (and the responses of
 * this handle's own requests), so {@link #awaitStatus(CallStatus, Duration)} needs the registration
 * to be on a channel opened by the same {@link ByonClient}; for webhook or push channels use
 * {@link #refresh()}.
 *
 * <p>The status never goes backwards: events are applied in channel {@code sequence} order and a
 * response never replaces a status of a later stage (so a {@code POST} response read after the
 * {@code Ringing} event does not move the call back to {@code InProgress}).
 *
 * <p>Every blocking request has an {@code ...Async} variant: the request goes out with
 * {@code HttpClient.sendAsync} and no thread waits for its response; the future completes on the
 * client's executor and fails with the same {@link ByonException} (wrapped in a
 * {@link java.util.concurrent.CompletionException} by {@code join()}). The blocking method waits
 * for that future.
 *
 * <p>Thread-safe: status reads, waits and requests may come from any thread.
 */
public interface Call {

    /** @return the gateway's {@code voiceSessionId} */
    String voiceSessionId();

    /** @return the registration ({@code racmSessionId}) the call belongs to */
    String racmSessionId();

    /** @return the other party's address, e.g. {@code tel:+447700900002} */
    String remoteAddress();

    /** @return the latest known status */
    CallStatus status();

    /** @return the contract's {@code reason} of the latest status, e.g. {@code ANSWERED_ELSEWHERE} */
    Optional<String> reason();

    /**
     * @return the remote party's latest SDP: for an outgoing call the answer once connected (or an
     *         offer received with a hold), for an incoming call the caller's offer
     */
    Optional<String> remoteSdp();

    /**
     * Waits until the call has reached {@code expected} (now or at any earlier point), or has ended
     * in another terminal status, or the timeout passes.
     *
     * @param expected the status to wait for
     * @param timeout  how long to wait at most
     * @return {@code true} when the call has reached {@code expected}; {@code false} on timeout or
     *         when it ended in another terminal status first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitStatus(CallStatus expected, Duration timeout) throws InterruptedException;

    /**
     * The non-blocking {@link #awaitStatus}: completes with {@code expected} once the call has
     * reached it (at once if it already has), or with the terminal status the call ended in without
     * reaching it. Combine with {@link CompletableFuture#orTimeout} for a deadline.
     *
     * @param expected the status to wait for
     * @return the future status
     */
    CompletableFuture<CallStatus> statusFuture(CallStatus expected);

    /**
     * Puts a connected call on hold ({@code PUT .../status} {@code Hold} with an offer).
     *
     * @param offerSdp the SDP offer (typically with {@code a=sendonly})
     * @return the SDP answer to {@code offerSdp} from the response (the offer's direction mirrored:
     *         a {@code sendonly} offer is answered {@code recvonly}), or {@code null} if the gateway
     *         sent none; the call is then {@link CallStatus#HOLD}
     * @throws ByonApiException e.g. 409 {@code INCOMPATIBLE_STATE} when the call is not connected
     */
    String hold(String offerSdp);

    /**
     * {@link #hold(String)} without blocking a thread while the request is in flight.
     *
     * @param offerSdp the SDP offer
     * @return the future SDP answer
     */
    CompletableFuture<String> holdAsync(String offerSdp);

    /**
     * Resumes a held call ({@code PUT .../status} {@code Resume} with an offer).
     *
     * @param offerSdp the SDP offer (typically with {@code a=sendrecv})
     * @return the SDP answer to {@code offerSdp} from the response ({@code sendrecv} for a
     *         {@code sendrecv} offer), or {@code null} if the gateway sent none; the call is then
     *         {@link CallStatus#CONNECTED} again
     * @throws ByonApiException e.g. 409 {@code INCOMPATIBLE_STATE} when the call is not on hold
     */
    String resume(String offerSdp);

    /**
     * {@link #resume(String)} without blocking a thread while the request is in flight.
     *
     * @param offerSdp the SDP offer
     * @return the future SDP answer
     */
    CompletableFuture<String> resumeAsync(String offerSdp);

    /**
     * Ends the call ({@code DELETE}): hangs up a connected call, cancels an unanswered outgoing call
     * or declines an incoming one. A 404 (the call already ended) is ignored.
     *
     * @throws ByonApiException on any other error
     */
    void hangUp();

    /**
     * {@link #hangUp()} without blocking a thread while the request is in flight.
     *
     * @return completes when the call was ended
     */
    CompletableFuture<Void> hangUpAsync();

    /**
     * Reads the session back from the gateway ({@code GET}) and updates this handle.
     *
     * @return the status read; a session already ended and deleted (404) yields the last known
     *         terminal status, or {@link CallStatus#TERMINATED} if none was seen
     * @throws ByonApiException on errors other than 404
     */
    CallStatus refresh();

    /**
     * {@link #refresh()} without blocking a thread while the request is in flight.
     *
     * @return the future status
     */
    CompletableFuture<CallStatus> refreshAsync();
}
