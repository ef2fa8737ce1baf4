package org.byon.gateway.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.byon.gateway.channel.ChannelEvent;
import org.byon.gateway.channel.EventHook;
import org.byon.gateway.channel.EventType;
/**
 * The event faults, applied in the publisher's hook: {@code event-sequence-gap}, {@code event-missing-ringing},
 * {@code event-wrong-order}, {@code invalid-cloudevent}, {@code no-answered-elsewhere},
 * {@code registration-ends-missing}, {@code replay-ignored}. With no fault active every method returns its input after one check.
 */
public class FaultyEventHook implements EventHook {
    private final FaultSwitch faults;
    /** event-wrong-order: a caller's Ringing held back until its Connected, per voice session. */
    private final Map<String, ChannelEvent> heldRinging = new ConcurrentHashMap<>();

    public FaultyEventHook(FaultSwitch faults) {
        this.faults = faults;
    }

    @Override
    public List<ChannelEvent> adjust(String channelId, ChannelEvent event) {
        if (!faults.anyOn()) {
            return List.of(event);
        }
        if (event.type() == EventType.REGISTRATION_ENDS && faults.on(Fault.REGISTRATION_ENDS_MISSING)) {
            return List.of();
        }
        if (event.type() != EventType.SESSION_STATUS) {
            return List.of(event);
        }
        Object status = event.data().get("status");
        Object id = event.data().get("voiceSessionId");
        if (event.outgoingLeg() && "Ringing".equals(status)) {
            if (faults.on(Fault.EVENT_MISSING_RINGING)) {
                return List.of();
            }
            if (faults.on(Fault.EVENT_WRONG_ORDER)) {
                heldRinging.put(String.valueOf(id), event);
                return List.of();
            }
        }
        if (event.outgoingLeg() && faults.on(Fault.EVENT_WRONG_ORDER) && status != null && !"InProgress".equals(status)) {
            ChannelEvent ringing = heldRinging.remove(String.valueOf(id));
            if (ringing != null) {
                return List.of(event, ringing);
            }
        }
        if ("ANSWERED_ELSEWHERE".equals(event.data().get("reason")) && faults.on(Fault.NO_ANSWERED_ELSEWHERE)) {
            Map<String, Object> data = new LinkedHashMap<>(event.data());
            data.put("reason", "LOCAL_HANGUP");
            return List.of(event.withData(data));
        }
        return List.of(event);
    }

    @Override
    public int sequenceStep(long lastSequence) {
        // skip one number after the first event of a channel
        return lastSequence == 1 && faults.on(Fault.EVENT_SEQUENCE_GAP) ? 2 : 1;
    }

    @Override
    public long replayAfter(long requested, long channelLast) {
        return faults.on(Fault.REPLAY_IGNORED) ? channelLast : requested; // replay nothing
    }

    @Override
    public String rewrite(String json) {
        if (!faults.on(Fault.INVALID_CLOUDEVENT)) {
            return json;
        }
        return json.replaceFirst("\"specversion\"\\s*:\\s*\"1\\.0\"\\s*,?", "");
    }
}
