package org.byon.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.byon.client.ByonApiException;
import org.byon.client.CallStatus;
import org.byon.client.IncomingCall;
import org.byon.client.internal.openapi.model.SdpDescriptor;
import org.byon.client.internal.openapi.model.VoiceSession;
import org.byon.client.internal.openapi.model.VoiceSessionStatusChange;
import org.byon.client.internal.openapi.model.VoiceSessionStatusRequest;

/**
 * An outgoing or incoming call leg. Its status only moves forward ({@link StatusOrder}). Thread-safe:
 * state guarded by {@code this}.
 */
public final class CallImpl implements IncomingCall {

    private final Transport transport;
    private final String voiceSessionId;
    private final String racmSessionId;
    private final boolean incoming;
    private final String remoteAddress;

    private CallStatus status;
    private String reason;
    private String remoteSdp;
    private final Set<CallStatus> reached = EnumSet.noneOf(CallStatus.class);
    /** The last event sequence applied, and how many events were applied in all. */
    private long lastSequence;
    private long eventsApplied;
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(CallStatus expected, CompletableFuture<CallStatus> future) {
    }

    CallImpl(Transport transport, String voiceSessionId, String racmSessionId, boolean incoming, String remoteAddress,
             CallStatus initial, String remoteSdp) {
        this.transport = transport;
        this.voiceSessionId = voiceSessionId;
        this.racmSessionId = racmSessionId;
        this.incoming = incoming;
        this.remoteAddress = remoteAddress;
        this.status = initial;
        this.remoteSdp = remoteSdp;
        reached.add(initial);
    }

    /** Applies an event, or a response whose request was sent when no event was in flight. */
    synchronized void apply(StatusUpdate u) {
        apply(u, eventsApplied);
    }

    /** @return how many events were applied so far: take before a request, pass to {@link #apply(StatusUpdate, long)} */
    synchronized long eventsApplied() {
        return eventsApplied;
    }

    /**
     * Applies an update unless it would move the status backwards ({@link StatusOrder}).
     *
     * @param eventsBefore {@link #eventsApplied()} when the response's request was sent (ignored for events)
     * @return whether it was applied
     */
    synchronized boolean apply(StatusUpdate u, long eventsBefore) {
        if (!StatusOrder.accepts(status, lastSequence, u, eventsApplied != eventsBefore)) {
            return false;
        }
        if (u.fromEvent()) {
            eventsApplied++;
            lastSequence = Math.max(lastSequence, u.sequence());
        }
        status = u.status();
        reached.add(u.status());
        if (u.reason() != null) {
            reason = u.reason();
        }
        if (incoming) {
            if (u.offerSdp() != null) {
                remoteSdp = u.offerSdp();
            }
        } else if (u.answerSdp() != null) {
            remoteSdp = u.answerSdp();
        } else if (u.offerSdp() != null && u.status() == CallStatus.HOLD) {
            remoteSdp = u.offerSdp();
        }
        notifyAll();
        completeWaiters();
        return true;
    }

    /** Called with the lock held. */
    private void completeWaiters() {
        waiters.removeIf(w -> {
            if (reached.contains(w.expected())) {
                w.future().complete(w.expected());
                return true;
            }
            if (status.isTerminal()) {
                w.future().complete(status);
                return true;
            }
            return false;
        });
    }

    @Override
    public String voiceSessionId() {
        return voiceSessionId;
    }

    @Override
    public String racmSessionId() {
        return racmSessionId;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public synchronized CallStatus status() {
        return status;
    }

    @Override
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public synchronized Optional<String> remoteSdp() {
        return Optional.ofNullable(remoteSdp);
    }

    @Override
    public synchronized boolean awaitStatus(CallStatus expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (reached.contains(expected)) {
                return true;
            }
            if (status.isTerminal()) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long ms = Math.max(1, left / 1_000_000);
            wait(ms);
        }
    }

    @Override
    public synchronized CompletableFuture<CallStatus> statusFuture(CallStatus expected) {
        CompletableFuture<CallStatus> future = new CompletableFuture<>();
        waiters.add(new Waiter(expected, future));
        completeWaiters();
        return future;
    }

    @Override
    public String hold(String offerSdp) {
        return Async.await(holdAsync(offerSdp));
    }

    @Override
    public CompletableFuture<String> holdAsync(String offerSdp) {
        return put(VoiceSessionStatusRequest.HOLD, offerSdp, null);
    }

    @Override
    public String resume(String offerSdp) {
        return Async.await(resumeAsync(offerSdp));
    }

    @Override
    public CompletableFuture<String> resumeAsync(String offerSdp) {
        return put(VoiceSessionStatusRequest.RESUME, offerSdp, null);
    }

    @Override
    public void ringing() {
        Async.await(requireIncoming().thenCompose(x -> put(VoiceSessionStatusRequest.RINGING, null, null)));
    }

    @Override
    public void answer(String answerSdp) {
        Async.await(answerAsync(answerSdp));
    }

    @Override
    public CompletableFuture<Void> answerAsync(String answerSdp) {
        return requireIncoming().thenCompose(x -> put(VoiceSessionStatusRequest.CONNECTED, null, answerSdp))
                .thenApply(sdp -> null);
    }

    @Override
    public void decline() {
        Async.await(declineAsync());
    }

    @Override
    public CompletableFuture<Void> declineAsync() {
        return requireIncoming().thenCompose(x -> put(VoiceSessionStatusRequest.DECLINED, null, null)).thenApply(sdp -> null);
    }

    private CompletableFuture<Void> requireIncoming() {
        return incoming ? CompletableFuture.completedFuture(null)
                : Async.failed(new IllegalStateException("not an incoming call: " + voiceSessionId));
    }

    /** @return the response's SDP answer (to a hold or resume offer), or null */
    private CompletableFuture<String> put(VoiceSessionStatusRequest request, String offer, String answer) {
        VoiceSessionStatusChange change = new VoiceSessionStatusChange().status(request);
        if (offer != null) {
            change.offer(new SdpDescriptor().sdp(offer));
        }
        if (answer != null) {
            change.answer(new SdpDescriptor().sdp(answer));
        }
        long before = eventsApplied();
        return transport.sendIdempotentAsync(h -> transport.voice().updateVoiceSessionStatusWithHttpInfo(voiceSessionId, change, null, h))
                .thenApply(vs -> {
                    if (vs == null) {
                        return null;
                    }
                    apply(StatusUpdate.of(vs), before);
                    return StatusUpdate.sdp(vs.getAnswer());
                });
    }

    @Override
    public void hangUp() {
        Async.await(hangUpAsync());
    }

    @Override
    public CompletableFuture<Void> hangUpAsync() {
        return transport.sendIdempotentAsync(h -> transport.voice().deleteVoiceSessionWithHttpInfo(voiceSessionId, null, h))
                .exceptionally(error -> {
                    if (Async.unwrap(error) instanceof ByonApiException e && e.status() == 404) {
                        return null;
                    }
                    throw Async.rethrown(error);
                });
    }

    @Override
    public CallStatus refresh() {
        return Async.await(refreshAsync());
    }

    @Override
    public CompletableFuture<CallStatus> refreshAsync() {
        long before = eventsApplied();
        return transport.sendIdempotentAsync(h -> transport.voice().getVoiceSessionWithHttpInfo(voiceSessionId, null, h))
                .handle((vs, error) -> {
                    if (error == null) {
                        if (vs != null) {
                            apply(StatusUpdate.of(vs), before);
                        }
                        return status();
                    }
                    if (!(Async.unwrap(error) instanceof ByonApiException e) || e.status() != 404) {
                        throw Async.rethrown(error);
                    }
                    synchronized (this) {
                        if (!status.isTerminal()) {
                            apply(new StatusUpdate(CallStatus.TERMINATED, null, null, null));
                        }
                    }
                    return status();
                });
    }

    @Override
    public String toString() {
        return (incoming ? "IncomingCall[" : "Call[") + voiceSessionId + ", " + remoteAddress + ", " + status() + "]";
    }
}
