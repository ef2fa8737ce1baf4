package org.byon.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.byon.client.ByonEvent;
import org.byon.client.CallStatus;
import org.byon.client.internal.openapi.model.ChannelEndsData;
import org.byon.client.internal.openapi.model.RegistrationEndsData;
import org.byon.client.internal.openapi.model.SessionInvitationData;
import org.byon.client.internal.openapi.model.SessionStatusData;
import org.byon.client.internal.openapi.model.VoiceSession;

/**
 * State shared by a {@code ByonClient} and its views: the HTTP client and executor ({@link Http}),
 * the timer, and the call and registration registries that events are routed to. A client costs no
 * thread of its own when the application injects the HTTP client and executor; see
 * {@code client-java/README.md} for the count. Thread-safe.
 */
public final class ClientContext implements AutoCloseable {

    private static final int MAX_PENDING = 512;

    private final Transport transport;
    private final EventParser parser;
    private final Timer timer;
    private final Duration reconnectInitial;
    private final Duration reconnectMax;

    private final Map<String, CallImpl> calls = new LinkedHashMap<>(); // guarded by this
    private final Map<String, List<StatusUpdate>> pending = new LinkedHashMap<>(); // guarded by this
    private final Map<String, RegistrationImpl> registrations = new ConcurrentHashMap<>();
    private final Set<AutoCloseable> channels = ConcurrentHashMap.newKeySet();

    public ClientContext(Transport transport, Duration reconnectInitial, Duration reconnectMax) {
        this.transport = transport;
        this.parser = new EventParser(transport.mapper());
        this.reconnectInitial = reconnectInitial;
        this.reconnectMax = reconnectMax;
        this.timer = transport.timer();
    }

    public Transport transport() {
        return transport;
    }

    EventParser parser() {
        return parser;
    }

    /** Runs {@code task} on the client's executor after {@code delayMs}. */
    Future<?> schedule(Runnable task, long delayMs) {
        return timer.schedule(task, delayMs);
    }

    Log log() {
        return transport.log();
    }

    Duration reconnectInitial() {
        return reconnectInitial;
    }

    Duration reconnectMax() {
        return reconnectMax;
    }

    void addChannel(AutoCloseable channel) {
        channels.add(channel);
    }

    void removeChannel(AutoCloseable channel) {
        channels.remove(channel);
    }

    void addRegistration(RegistrationImpl r) {
        registrations.put(r.racmSessionId(), r);
    }

    /** @return {@code r}, or the registration with its id this client holds already */
    RegistrationImpl addRegistrationIfAbsent(RegistrationImpl r) {
        RegistrationImpl known = registrations.putIfAbsent(r.racmSessionId(), r);
        return known != null ? known : r;
    }

    void removeRegistration(RegistrationImpl r) {
        registrations.remove(r.racmSessionId(), r);
    }

    /** Registers an outgoing call created by {@code vs} and applies statuses that arrived before it. */
    synchronized CallImpl outgoing(Transport via, VoiceSession vs) {
        CallImpl call = new CallImpl(via, vs.getVoiceSessionId(), vs.getRacmSessionId(), false, vs.getReceiverAddress(),
                CallStatus.INITIAL, null);
        call.apply(StatusUpdate.of(vs));
        List<StatusUpdate> early = pending.remove(vs.getVoiceSessionId());
        if (early != null) {
            early.forEach(call::apply);
        }
        if (!call.status().isTerminal()) {
            calls.put(call.voiceSessionId(), call);
        }
        return call;
    }

    private synchronized CallImpl incoming(SessionInvitationData d) {
        CallImpl call = calls.get(d.getVoiceSessionId());
        if (call == null) {
            call = new CallImpl(transport, d.getVoiceSessionId(), d.getRacmSessionId(), true, d.getOriginatorAddress(),
                    CallStatus.INITIAL, StatusUpdate.sdp(d.getOffer()));
            calls.put(call.voiceSessionId(), call);
            List<StatusUpdate> early = pending.remove(d.getVoiceSessionId());
            if (early != null) {
                early.forEach(call::apply);
            }
        }
        return call;
    }

    /** @return the live call of this client with that id, or null */
    synchronized CallImpl call(String voiceSessionId) {
        return calls.get(voiceSessionId);
    }

    /** Registers a call read back by id ({@code GET}) unless this client holds it already. */
    synchronized CallImpl attach(CallImpl read) {
        CallImpl known = calls.get(read.voiceSessionId());
        if (known != null) {
            return known;
        }
        List<StatusUpdate> early = pending.remove(read.voiceSessionId());
        if (early != null) {
            early.forEach(read::apply);
        }
        if (!read.status().isTerminal()) {
            calls.put(read.voiceSessionId(), read);
        }
        return read;
    }

    /** @return the live registration of this client with that id, or null */
    RegistrationImpl registration(String racmSessionId) {
        return registrations.get(racmSessionId);
    }

    private synchronized void status(String voiceSessionId, StatusUpdate u) {
        CallImpl call = calls.get(voiceSessionId);
        if (call != null) {
            call.apply(u);
            if (call.status().isTerminal()) {
                calls.remove(voiceSessionId);
            }
            return;
        }
        pending.computeIfAbsent(voiceSessionId, k -> new ArrayList<>()).add(u);
        while (pending.size() > MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
    }

    /**
     * Updates the registries with an event and maps it to the public type.
     *
     * @return the public event, or {@code null} for an unknown type (or known type without data)
     */
    ByonEvent route(EventParser.Parsed p) {
        long seq = Math.max(p.sequence(), 0);
        Object data = p.data();
        if (data instanceof SessionInvitationData d) {
            CallImpl call = incoming(d);
            return new ByonEvent.SessionInvitation(p.id(), seq, p.time(), call, d.getRacmSessionId(),
                    d.getOriginatorAddress(), d.getReceiverAddress(), StatusUpdate.sdp(d.getOffer()));
        }
        if (data instanceof SessionStatusData d) {
            CallStatus status = StatusUpdate.status(d.getStatus());
            String reason = EventParser.enumText(d.getReason(), p.rawData(), "reason");
            StatusUpdate u = new StatusUpdate(status, reason, StatusUpdate.sdp(d.getAnswer()), StatusUpdate.sdp(d.getOffer()),
                    p.sequence() > 0 ? p.sequence() : 0);
            status(d.getVoiceSessionId(), u);
            return new ByonEvent.SessionStatusChanged(p.id(), seq, p.time(), d.getVoiceSessionId(), status, reason,
                    u.answerSdp(), u.offerSdp());
        }
        if (data instanceof RegistrationEndsData d) {
            RegistrationImpl r = registrations.get(d.getRacmSessionId());
            if (r != null) {
                r.ended();
            }
            return new ByonEvent.RegistrationEnded(p.id(), seq, p.time(), d.getRacmSessionId(),
                    EventParser.enumText(d.getTerminationReason(), p.rawData(), "terminationReason"));
        }
        if (data instanceof ChannelEndsData d) {
            return new ByonEvent.ChannelEnded(p.id(), seq, p.time(), d.getChannelId(),
                    EventParser.enumText(d.getTerminationReason(), p.rawData(), "terminationReason"));
        }
        return null;
    }

    @Override
    public void close() {
        for (RegistrationImpl r : List.copyOf(registrations.values())) {
            try {
                r.close();
            } catch (RuntimeException e) {
                log().warn("de-registering " + r.racmSessionId() + " failed: " + e.getMessage());
            }
        }
        for (AutoCloseable c : List.copyOf(channels)) {
            try {
                c.close();
            } catch (Exception e) {
                log().warn("closing channel failed: " + e.getMessage());
            }
        }
        timer.release();
        boolean stopped = transport.http().closeAndReport();
        if (stopped && transport.tokens() instanceof ClientCredentialsTokenSource cc) {
            cc.unbind(transport.http().client()); // a token source shared with another client must not use a stopped client
        }
    }
}
