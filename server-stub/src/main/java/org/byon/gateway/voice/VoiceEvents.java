package org.byon.gateway.voice;

import java.util.LinkedHashMap;
import java.util.Map;

import org.byon.gateway.channel.ChannelEvent;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventType;
import org.byon.gateway.channel.NotificationPaths;

/** Announces a leg's invitation and status changes on its registration's channel. Thread-safe. */
final class VoiceEvents {
    private final ChannelService channels;

    VoiceEvents(ChannelService channels) {
        this.channels = channels;
    }

    void status(VoiceSession leg, String answer, String offer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("voiceSessionId", leg.id);
        data.put("racmSessionId", leg.racmSessionId);
        data.put("status", leg.status.name());
        if (answer != null) {
            data.put("answer", Map.of("sdp", answer));
        }
        if (offer != null) {
            data.put("offer", Map.of("sdp", offer));
        }
        if (leg.reason != null) {
            data.put("reason", leg.reason.name());
        }
        channels.publish(leg.channelId, new ChannelEvent(EventType.SESSION_STATUS,
                NotificationPaths.voiceSource(leg.id), data, leg.direction == Direction.Outgoing));
    }

    void invitation(VoiceSession leg) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("voiceSessionId", leg.id);
        data.put("racmSessionId", leg.racmSessionId);
        data.put("originatorAddress", leg.originatorAddress);
        if (leg.originatorName != null) {
            data.put("originatorName", leg.originatorName);
        }
        data.put("receiverAddress", leg.receiverAddress);
        data.put("status", VoiceStatus.Initial.name());
        data.put("offer", Map.of("sdp", leg.offer));
        channels.publish(leg.channelId, new ChannelEvent(EventType.SESSION_INVITATION,
                NotificationPaths.voiceSource(leg.id), data, false));
    }
}
