package org.byon.client.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.byon.client.ByonApiException;
import org.byon.client.CallStatus;
import org.byon.client.IncomingCall;
import org.byon.client.internal.openapi.model.SdpDescriptor;
import org.byon.client.internal.openapi.model.VoiceSession;
import org.byon.client.internal.openapi.model.VoiceSessionStatusChange;
import org.byon.client.internal.openapi.model.VoiceSessionStatusRequest;

/** An outgoing or incoming call leg. Thread-safe: state guarded by {@code this}. */
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

    /** Applies a status; a terminal status is final. */
    synchronized void apply(StatusUpdate u) {
        if (status.isTerminal()) {
            return;
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
    public void hold(String offerSdp) {
        put(VoiceSessionStatusRequest.HOLD, offerSdp, null);
    }

    @Override
    public void resume(String offerSdp) {
        put(VoiceSessionStatusRequest.RESUME, offerSdp, null);
    }

    @Override
    public void ringing() {
        requireIncoming();
        put(VoiceSessionStatusRequest.RINGING, null, null);
    }

    @Override
    public void answer(String answerSdp) {
        requireIncoming();
        put(VoiceSessionStatusRequest.CONNECTED, null, answerSdp);
    }

    @Override
    public void decline() {
        requireIncoming();
        put(VoiceSessionStatusRequest.DECLINED, null, null);
    }

    private void requireIncoming() {
        if (!incoming) {
            throw new IllegalStateException("not an incoming call: " + voiceSessionId);
        }
    }

    private void put(VoiceSessionStatusRequest request, String offer, String answer) {
        VoiceSessionStatusChange change = new VoiceSessionStatusChange().status(request);
        if (offer != null) {
            change.offer(new SdpDescriptor().sdp(offer));
        }
        if (answer != null) {
            change.answer(new SdpDescriptor().sdp(answer));
        }
        VoiceSession vs = transport.send(h -> transport.voice().updateVoiceSessionStatusWithHttpInfo(voiceSessionId, change, null, h));
        if (vs != null) {
            apply(StatusUpdate.of(vs));
        }
    }

    @Override
    public void hangUp() {
        try {
            transport.send(h -> transport.voice().deleteVoiceSessionWithHttpInfo(voiceSessionId, null, h));
        } catch (ByonApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    @Override
    public CallStatus refresh() {
        try {
            VoiceSession vs = transport.send(h -> transport.voice().getVoiceSessionWithHttpInfo(voiceSessionId, null, h));
            if (vs != null) {
                apply(StatusUpdate.of(vs));
            }
        } catch (ByonApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            synchronized (this) {
                if (!status.isTerminal()) {
                    apply(new StatusUpdate(CallStatus.TERMINATED, null, null, null));
                }
            }
        }
        return status();
    }

    @Override
    public String toString() {
        return (incoming ? "IncomingCall[" : "Call[") + voiceSessionId + ", " + remoteAddress + ", " + status() + "]";
    }
}
