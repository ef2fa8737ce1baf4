package org.byon.gateway.web;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.byon.gateway.channel.Channel;
import org.byon.gateway.racm.Registration;
import org.byon.gateway.voice.VoiceSessionView;
import org.byon.gateway.web.model.CallType;
import org.byon.gateway.web.model.Direction;
import org.byon.gateway.web.model.NotificationChannel;
import org.byon.gateway.web.model.PushNotificationChannel;
import org.byon.gateway.web.model.PushNotificationChannelData;
import org.byon.gateway.web.model.RacmSession;
import org.byon.gateway.web.model.RacmSessionStatus;
import org.byon.gateway.web.model.SdpDescriptor;
import org.byon.gateway.web.model.VoiceSession;
import org.byon.gateway.web.model.VoiceSessionReason;
import org.byon.gateway.web.model.VoiceSessionStatus;
import org.byon.gateway.web.model.WebSocketChannelData;
import org.byon.gateway.web.model.WebSocketNotificationChannel;
import org.byon.gateway.web.model.WebhookChannelData;
import org.byon.gateway.web.model.WebhookNotificationChannel;

/** Domain to generated-model mapping, at the edge. Stateless. */
final class ApiMapper {
    private ApiMapper() {
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime time(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    static URI channelUrl(String id) {
        return ApiUrls.resource("/channels/" + id);
    }

    static NotificationChannel channel(Channel c) {
        URI resource = channelUrl(c.id());
        OffsetDateTime expires = time(c.expiresAt());
        return switch (c.type()) {
            case WEBSOCKET -> new WebSocketNotificationChannel()
                    .channelData(new WebSocketChannelData(c.channelUrl()))
                    .channelId(c.id()).channelType("WebSocket").expiresAt(expires).resourceURL(resource);
            case WEBHOOK -> new WebhookNotificationChannel()
                    .channelData(new WebhookChannelData(c.notificationUrl()))
                    .channelId(c.id()).channelType("Webhook").expiresAt(expires).resourceURL(resource);
            case PUSH_NOTIFICATION -> new PushNotificationChannel()
                    .channelData(new PushNotificationChannelData(c.registrationToken()))
                    .channelId(c.id()).channelType("PushNotification").expiresAt(expires)
                    .resourceURL(resource);
        };
    }

    static RacmSession racm(Registration r) {
        Instant expires = r.expiresAt();
        Instant token = r.tokenExpiresAt();
        if (token != null && token.isBefore(expires)) {
            expires = token;
        }
        RacmSession session = new RacmSession(r.id(), r.deviceId(), r.channelId(), r.phoneNumber(),
                RacmSessionStatus.REGISTERED, time(expires));
        if (r.disconnectGrace() != null) {
            session.disconnectGraceSeconds((int) Math.max(1, Math.min(86_400, r.disconnectGrace().toSeconds())));
        }
        return session;
    }

    static VoiceSession voice(VoiceSessionView v) {
        VoiceSession s = new VoiceSession()
                .voiceSessionId(v.voiceSessionId())
                .racmSessionId(v.racmSessionId())
                .direction(Direction.fromValue(v.direction().name()))
                .originatorAddress(v.originatorAddress())
                .originatorName(v.originatorName())
                .receiverAddress(v.receiverAddress())
                .receiverName(v.receiverName())
                .status(VoiceSessionStatus.fromValue(v.status().name()))
                .callType(CallType.fromValue(v.callType()));
        if (v.offer() != null) {
            s.offer(new SdpDescriptor(v.offer()));
        }
        if (v.answer() != null) {
            s.answer(new SdpDescriptor(v.answer()));
        }
        if (v.reason() != null) {
            s.reason(VoiceSessionReason.fromValue(v.reason().name()));
        }
        return s;
    }
}
