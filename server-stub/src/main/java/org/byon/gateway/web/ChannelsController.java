package org.byon.gateway.web;

import java.util.ArrayList;
import java.util.List;

import org.byon.gateway.auth.CallerTokens;
import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.Owner;
import org.byon.gateway.web.api.NotificationChannelsApi;
import org.byon.gateway.web.model.CreateNotificationChannel;
import org.byon.gateway.web.model.CreatePushNotificationChannel;
import org.byon.gateway.web.model.CreateWebSocketNotificationChannel;
import org.byon.gateway.web.model.CreateWebhookNotificationChannel;
import org.byon.gateway.web.model.NotificationChannel;
import org.byon.gateway.web.model.UpdateNotificationChannel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /channels}: the generated interface over {@link ChannelService}. */
@RestController
public class ChannelsController implements NotificationChannelsApi {
    private final ChannelService channels;

    public ChannelsController(ChannelService channels) {
        this.channels = channels;
    }

    @Override
    public ResponseEntity<NotificationChannel> createNotificationChannel(CreateNotificationChannel body,
                                                                         String xCorrelator) {
        Owner owner = CallerTokens.owner();
        Channel c;
        if (body instanceof CreateWebSocketNotificationChannel ws) {
            c = channels.createWebSocket(owner, ApiMapper.instant(ws.getRequestedExpiresAt()), ApiUrls.wsOrigin());
        } else if (body instanceof CreateWebhookNotificationChannel webhook) {
            if (webhook.getChannelData() == null || webhook.getChannelData().getNotificationUrl() == null) {
                throw ByonException.invalid("channelData.notificationUrl is required");
            }
            c = channels.createWebhook(owner, ApiMapper.instant(webhook.getRequestedExpiresAt()),
                    InsecureWebhookUrlAdvice.originalUrl(webhook.getChannelData().getNotificationUrl()),
                    webhook.getChannelData().getNotificationAuthToken());
        } else if (body instanceof CreatePushNotificationChannel push) {
            if (push.getChannelData() == null) {
                throw ByonException.invalid("channelData.registrationToken is required");
            }
            c = channels.createPush(owner, ApiMapper.instant(push.getRequestedExpiresAt()),
                    push.getChannelData().getRegistrationToken());
        } else {
            throw ByonException.invalid("channelType must be WebSocket, Webhook or PushNotification");
        }
        return ResponseEntity.created(ApiMapper.channelUrl(c.id())).body(ApiMapper.channel(c));
    }

    @Override
    public ResponseEntity<List<NotificationChannel>> listNotificationChannels(String xCorrelator) {
        List<NotificationChannel> out = new ArrayList<>();
        for (Channel c : channels.list(CallerTokens.owner())) {
            out.add(ApiMapper.channel(c));
        }
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<NotificationChannel> getNotificationChannel(String channelId, String xCorrelator) {
        return ResponseEntity.ok(ApiMapper.channel(channels.get(CallerTokens.owner(), channelId)));
    }

    @Override
    public ResponseEntity<NotificationChannel> updateNotificationChannel(String channelId,
                                                                         UpdateNotificationChannel body,
                                                                         String xCorrelator) {
        Channel c = channels.update(CallerTokens.owner(), channelId, ApiMapper.instant(body.getRequestedExpiresAt()),
                body.getNotificationAuthToken());
        return ResponseEntity.ok(ApiMapper.channel(c));
    }

    @Override
    public ResponseEntity<Void> deleteNotificationChannel(String channelId, String xCorrelator) {
        channels.delete(CallerTokens.owner(), channelId);
        return ResponseEntity.noContent().build();
    }
}
