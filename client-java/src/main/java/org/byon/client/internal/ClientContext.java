package org.byon.client.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.byon.client.ByonEvent;
import org.byon.client.CallStatus;
import org.byon.client.internal.openapi.model.ChannelEndsData;
import org.byon.client.internal.openapi.model.RegistrationEndsData;
import org.byon.client.internal.openapi.model.SessionInvitationData;
import org.byon.client.internal.openapi.model.SessionStatusData;
import org.byon.client.internal.openapi.model.VoiceSession;

/**
 * State shared by a {@code ByonClient} and its views: the scheduler, the call and registration
 * registries that events are routed to, and the WebSocket HTTP client. Thread-safe.
 */
public final class ClientContext implements AutoCloseable {

    private static final int MAX_PENDING = 512;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Transport transport;
    private final EventParser parser;
    private final ScheduledExecutorService scheduler;
    private final HttpClient webSocketHttp;
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
        this.scheduler = Executors.newScheduledThreadPool(1, r -> daemon(r, "byon-scheduler-" + THREADS.incrementAndGet()));
        this.webSocketHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public Transport transport() {
        return transport;
    }

    EventParser parser() {
        return parser;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    HttpClient webSocketHttp() {
        return webSocketHttp;
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

    private synchronized void status(String voiceSessionId, StatusUpdate u) {
        CallImpl call = calls.get(voiceSessionId);
        if (call != null) {
            call.apply(u);
            if (u.status().isTerminal()) {
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
            StatusUpdate u = new StatusUpdate(status, reason, StatusUpdate.sdp(d.getAnswer()), StatusUpdate.sdp(d.getOffer()));
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
                Log.warn("de-registering " + r.racmSessionId() + " failed: " + e.getMessage());
            }
        }
        for (AutoCloseable c : List.copyOf(channels)) {
            try {
                c.close();
            } catch (Exception e) {
                Log.warn("closing channel failed: " + e.getMessage());
            }
        }
        scheduler.shutdownNow();
    }
}
