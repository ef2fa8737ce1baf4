package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.byon.gateway.it.client.ApiResponse;
import org.byon.gateway.it.client.api.RacmApi;
import org.byon.gateway.it.client.model.CreateNotificationChannel;
import org.byon.gateway.it.client.model.CreatePushNotificationChannel;
import org.byon.gateway.it.client.model.CreateRacmSession;
import org.byon.gateway.it.client.model.NotificationChannel;
import org.byon.gateway.it.client.model.PushNotificationChannel;
import org.byon.gateway.it.client.model.PushNotificationChannelData;
import org.byon.gateway.it.client.model.RacmSession;
import org.byon.gateway.it.client.model.UpdateNotificationChannel;
import org.byon.gateway.it.client.model.UpdateRacmSession;
import org.byon.gateway.it.client.model.WebSocketNotificationChannel;
import org.junit.jupiter.api.Test;

class ChannelsAndRacmIT extends GatewayITSupport {

    @Test
    void channelLifecycleOverTheApiAndTheWebSocket() throws Exception {
        ApiResponse<NotificationChannel> created = channels("alice").createNotificationChannelWithHttpInfo(
                new CreateNotificationChannel(new org.byon.gateway.it.client.model.CreateWebSocketNotificationChannel()
                        .channelType("WebSocket")), "abc-123");
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("x-correlator")).containsExactly("abc-123");
        WebSocketNotificationChannel ch = created.getData().getWebSocketNotificationChannel();
        assertThat(created.getHeaders().get("location")).containsExactly(ch.getResourceURL().toString());
        String url = ch.getChannelData().getChannelURL().toString();
        assertThat(url).startsWith("ws://localhost:" + port + "/byon/v0.2/notifications/ws/");
        assertThat(url.substring(url.lastIndexOf('/') + 1)).hasSizeGreaterThan(40);

        // listed and readable by the owner only
        assertThat(channels("alice").listNotificationChannels(null)).extracting(GatewayITSupport::channelId)
                .contains(ch.getChannelId());
        assertThat(channels("bob").listNotificationChannels(null)).extracting(GatewayITSupport::channelId)
                .doesNotContain(ch.getChannelId());
        assertError(catchApi(() -> channels("bob").getNotificationChannel(ch.getChannelId(), null)), 404, "NOT_FOUND");
        assertError(catchApi(() -> channels("bob").deleteNotificationChannel(ch.getChannelId(), null)), 404,
                "NOT_FOUND");

        // renew
        OffsetDateTime wish = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5);
        NotificationChannel renewed = channels("alice").updateNotificationChannel(ch.getChannelId(),
                new UpdateNotificationChannel().requestedExpiresAt(wish), null);
        assertThat(renewed.getWebSocketNotificationChannel().getExpiresAt().toInstant()).isCloseTo(wish.toInstant(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
        assertError(catchApi(() -> channels("alice").updateNotificationChannel(ch.getChannelId(),
                new UpdateNotificationChannel().notificationAuthToken("x"), null)), 400, "INVALID_ARGUMENT");
        assertError(catchApi(() -> channels("alice").updateNotificationChannel(ch.getChannelId(),
                new UpdateNotificationChannel().requestedExpiresAt(OffsetDateTime.now().minusMinutes(1)), null)), 400,
                "OUT_OF_RANGE");

        // a registration on it, then delete the channel: registration-ends, channel-ends, close 1000
        WsEvents ws = WsEvents.connect(url);
        RacmSession r = racm("alice").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null);
        channels("alice").deleteNotificationChannel(ch.getChannelId(), null);
        assertThat(ws.awaitClose()).isEqualTo(1000);
        assertThat(ws.events).extracting(e -> e.path("type").asText()).containsExactly(
                "org.byon.racm.v1.registration-ends", "org.byon.channel.v1.channel-ends");
        assertThat(ws.events.get(0).path("data").path("racmSessionId").asText()).isEqualTo(r.getRacmSessionId());
        assertThat(ws.events.get(1).path("data").path("terminationReason").asText()).isEqualTo("DELETED");
        ws.assertValid();
        assertError(catchApi(() -> channels("alice").getNotificationChannel(ch.getChannelId(), null)), 404,
                "NOT_FOUND");
        assertError(catchApi(() -> racm("alice").getRacmSession(r.getRacmSessionId(), null)), 404, "NOT_FOUND");
        // the credential is dead: 4404
        assertThat(WsEvents.connect(url).awaitClose()).isEqualTo(4404);
        assertThat(WsEvents.connect("ws://localhost:" + port + "/byon/v0.2/notifications/ws/guess").awaitClose())
                .isEqualTo(4404);
    }

    @Test
    void reconnectWithLastSequenceReplaysRetainedEvents() throws Exception {
        WebSocketNotificationChannel ch = createWsChannel("dave");
        String url = ch.getChannelData().getChannelURL().toString();
        // events while nobody is connected are retained
        for (int i = 0; i < 3; i++) {
            RacmSession r = racm("dave").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                    .channelId(ch.getChannelId()), null);
            racm("dave").deleteRacmSession(r.getRacmSessionId(), null);
        }
        WsEvents first = WsEvents.connect(url);
        org.awaitility.Awaitility.await().until(() -> first.events.size() == 3);
        assertThat(first.sequences()).containsExactly(1L, 2L, 3L);
        first.close();
        WsEvents second = WsEvents.connect(url + "?lastSequence=2");
        org.awaitility.Awaitility.await().until(() -> second.events.size() == 1);
        assertThat(second.sequences()).containsExactly(3L);
        // a newer connection takes over
        WsEvents third = WsEvents.connect(url + "?lastSequence=3");
        assertThat(second.awaitClose()).isEqualTo(4409);
        RacmSession r = racm("dave").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null);
        racm("dave").deleteRacmSession(r.getRacmSessionId(), null);
        org.awaitility.Awaitility.await().until(() -> third.events.size() == 1);
        assertThat(third.sequences()).containsExactly(4L);
        third.assertValid();
        first.assertValid();
    }

    @Test
    void pushChannelEventsLandInTheOutbox() throws Exception {
        NotificationChannel created = channels("erin").createNotificationChannel(new CreateNotificationChannel(
                new CreatePushNotificationChannel().channelType("PushNotification")
                        .channelData(new PushNotificationChannelData().registrationToken("fcm-erin-1"))), null);
        assertThat(created.getActualInstance()).isInstanceOf(PushNotificationChannel.class);
        PushNotificationChannel ch = created.getPushNotificationChannel();
        assertThat(ch.getChannelData().getRegistrationToken()).isEqualTo("fcm-erin-1");
        RacmSession r = racm("erin").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null);
        racm("erin").deleteRacmSession(r.getRacmSessionId(), null);
        JsonNode outbox = json(http("GET", "/simulator/v1/push-outbox", null, null).body());
        JsonNode push = null;
        for (JsonNode p : outbox) {
            if (p.path("channelId").asText().equals(ch.getChannelId())) {
                push = p;
            }
        }
        assertThat(push).isNotNull();
        assertThat(push.path("registrationToken").asText()).isEqualTo("fcm-erin-1");
        String event = push.path("event").asText();
        assertThat(ContractSchemas.get().eventErrors(event)).isEmpty();
    }

    @Test
    void registrationLifecycleAndErrors() throws Exception {
        WebSocketNotificationChannel ch = createWsChannel("alice");
        WsEvents ws = WsEvents.connect(ch.getChannelData().getChannelURL().toString());
        UUID device = UUID.randomUUID();
        ApiResponse<RacmSession> created = racm("alice").createRacmSessionWithHttpInfo(new CreateRacmSession()
                .deviceId(device).channelId(ch.getChannelId()), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        RacmSession r = created.getData();
        assertThat(created.getHeaders().get("location")).singleElement().asString()
                .endsWith("/byon/v0.2/racm/sessions/" + r.getRacmSessionId());
        assertThat(r.getPhoneNumber()).isEqualTo("+447700900001");
        assertThat(r.getDeviceId()).isEqualTo(device);
        assertThat(r.getStatus().getValue()).isEqualTo("Registered");
        // expiry is bounded by the access token (10 min) and the default expiry (1 h)
        assertThat(r.getExpiresAt().toInstant()).isBefore(Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(racm("alice").getRacmSession(r.getRacmSessionId(), null).getRacmSessionId())
                .isEqualTo(r.getRacmSessionId());

        // same device again: 409; someone else's channel: 422; someone else's registration: 404
        assertError(catchApi(() -> racm("alice").createRacmSession(new CreateRacmSession().deviceId(device)
                .channelId(ch.getChannelId()), null)), 409, "ALREADY_EXISTS");
        assertError(catchApi(() -> racm("bob").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null)), 422, "BYON.UNKNOWN_CHANNEL");
        assertError(catchApi(() -> racm("bob").getRacmSession(r.getRacmSessionId(), null)), 404, "NOT_FOUND");
        assertError(catchApi(() -> racm("bob").updateRacmSession(r.getRacmSessionId(), new UpdateRacmSession(),
                null)), 404, "NOT_FOUND");
        assertError(http("POST", "/byon/v0.2/racm/sessions", token("alice"),
                "{\"deviceId\":\"not-a-uuid\",\"channelId\":\"" + ch.getChannelId() + "\"}"), 400, "INVALID_ARGUMENT");
        assertError(http("POST", "/byon/v0.2/racm/sessions", token("alice"), "{\"channelId\":\"x\"}"), 400,
                "INVALID_ARGUMENT");

        // a refresh with a fresh token of the same subscriber extends it
        String fresh = fetchToken("alice", null);
        RacmSession refreshed = racmWithToken(fresh).updateRacmSession(r.getRacmSessionId(),
                new UpdateRacmSession(), null);
        assertThat(refreshed.getExpiresAt()).isAfterOrEqualTo(r.getExpiresAt());

        // the per-subscriber limit (5)
        for (int i = 0; i < 4; i++) {
            racm("alice").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                    .channelId(ch.getChannelId()), null);
        }
        assertError(catchApi(() -> racm("alice").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null)), 403, "BYON.MAX_REGISTRATION_PER_USER");

        ApiResponse<Void> deleted = racm("alice").deleteRacmSessionWithHttpInfo(r.getRacmSessionId(), null);
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        JsonNode ends = ws.await(e -> e.path("data").path("racmSessionId").asText().equals(r.getRacmSessionId()));
        assertThat(ends.path("type").asText()).isEqualTo("org.byon.racm.v1.registration-ends");
        assertThat(ends.path("data").path("terminationReason").asText()).isEqualTo("DELETED");
        assertError(catchApi(() -> racm("alice").deleteRacmSession(r.getRacmSessionId(), null)), 404, "NOT_FOUND");
        ws.assertValid();
    }

    @Test
    void registrationsExpireAndEndWhenTheirAccessTokenExpires() throws Exception {
        WebSocketNotificationChannel ch = createWsChannel("carol");
        WsEvents ws = WsEvents.connect(ch.getChannelData().getChannelURL().toString());
        RacmSession expiring = racm("carol").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()).registrationExpireTime(OffsetDateTime.now().plusSeconds(1)), null);
        String shortToken = mintToken("carol", Instant.now().plusSeconds(2));
        RacmSession tokenBound = racmWithToken(shortToken).createRacmSession(new CreateRacmSession()
                .deviceId(UUID.randomUUID()).channelId(ch.getChannelId()), null);
        assertThat(tokenBound.getExpiresAt().toInstant()).isBefore(Instant.now().plusSeconds(3));

        JsonNode first = ws.await(e -> e.path("data").path("racmSessionId").asText()
                .equals(expiring.getRacmSessionId()));
        assertThat(first.path("data").path("terminationReason").asText()).isEqualTo("REGISTRATION_EXPIRED");
        JsonNode second = ws.await(e -> e.path("data").path("racmSessionId").asText()
                .equals(tokenBound.getRacmSessionId()));
        assertThat(second.path("data").path("terminationReason").asText()).isEqualTo("ACCESS_TOKEN_EXPIRED");
        assertError(catchApi(() -> racm("carol").getRacmSession(expiring.getRacmSessionId(), null)), 404, "NOT_FOUND");
        ws.assertValid();
        assertThat(List.of(first, second)).allSatisfy(e -> assertThat(e.path("sequence").asLong()).isPositive());
    }

    @Test
    void refreshingWithAFreshTokenOutlivesTheOldToken() throws Exception {
        WebSocketNotificationChannel ch = createWsChannel("bob");
        WsEvents ws = WsEvents.connect(ch.getChannelData().getChannelURL().toString());
        String shortToken = mintToken("bob", Instant.now().plusSeconds(2));
        RacmSession r = racmWithToken(shortToken).createRacmSession(new CreateRacmSession()
                .deviceId(UUID.randomUUID()).channelId(ch.getChannelId()), null);
        RacmSession refreshed = racm("bob").updateRacmSession(r.getRacmSessionId(), new UpdateRacmSession()
                .registrationExpireTime(OffsetDateTime.now().plusMinutes(3)), null);
        assertThat(refreshed.getExpiresAt().toInstant()).isAfter(Instant.now().plusSeconds(170));
        Thread.sleep(2500);
        assertThat(racm("bob").getRacmSession(r.getRacmSessionId(), null).getRacmSessionId())
                .isEqualTo(r.getRacmSessionId());
        assertThat(ws.events).isEmpty();
    }

    @Test
    void responsesMatchTheContractSchemas() throws Exception {
        WebSocketNotificationChannel ch = createWsChannel("alice");
        HttpResponse<String> get = http("GET", "/byon/v0.2/channels/" + ch.getChannelId(), token("alice"), null);
        assertThat(ContractSchemas.get().errors("WebSocketNotificationChannel", get.body())).isEmpty();
        HttpResponse<String> list = http("GET", "/byon/v0.2/channels", token("alice"), null);
        assertThat(ContractSchemas.get().errors("NotificationChannelList", list.body())).isEmpty();
        HttpResponse<String> created = http("POST", "/byon/v0.2/racm/sessions", token("alice"),
                "{\"deviceId\":\"" + UUID.randomUUID() + "\",\"channelId\":\"" + ch.getChannelId() + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(ContractSchemas.get().errors("RacmSession", created.body())).isEmpty();
        String racmId = json(created.body()).path("racmSessionId").asText();
        HttpResponse<String> call = http("POST", "/byon/v0.2/voice/sessions", token("alice"),
                "{\"racmSessionId\":\"" + racmId + "\",\"receiverAddress\":\"tel:+447700900102\","
                        + "\"offer\":{\"sdp\":\"" + OFFER.replace("\r\n", "\\r\\n") + "\"}}");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(201);
        assertThat(call.body()).doesNotContain("null");
        assertThat(ContractSchemas.get().errors("VoiceSession", call.body())).isEmpty();
        HttpResponse<String> got = http("GET", "/byon/v0.2/voice/sessions/" + json(call.body()).path("voiceSessionId")
                .asText(), token("alice"), null);
        assertThat(ContractSchemas.get().errors("VoiceSession", got.body())).isEmpty();
        HttpResponse<String> webhook = http("POST", "/byon/v0.2/channels", token("alice"),
                "{\"channelType\":\"Webhook\",\"channelData\":{\"notificationUrl\":\"https://localhost:9/x\","
                        + "\"notificationAuthToken\":\"secret-1-0123456789abcdef\"}}");
        assertThat(webhook.statusCode()).isEqualTo(201);
        assertThat(webhook.body()).doesNotContain("secret-1");
        assertThat(ContractSchemas.get().errors("WebhookNotificationChannel", webhook.body())).isEmpty();
    }

    @Test
    void aRefreshWithATokenOfAnotherSubscriberIsAnInvalidTokenContext() throws Exception {
        WebSocketNotificationChannel ch = createWsChannel("alice");
        RacmSession r = racm("alice").createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(ch.getChannelId()), null);
        String otherSubscriber = mintToken("alice", NUMBERS.get("bob"), Instant.now().plusSeconds(60));
        assertError(catchApi(() -> racmWithToken(otherSubscriber).updateRacmSession(r.getRacmSessionId(),
                new UpdateRacmSession(), null)), 403, "INVALID_TOKEN_CONTEXT");
        // the registration keeps its old token and expiry
        assertThat(racm("alice").getRacmSession(r.getRacmSessionId(), null).getExpiresAt())
                .isEqualTo(r.getExpiresAt());
    }

    @Test
    void anExpiredChannelAnnouncesChannelEndsAndClosesWith1000() throws Exception {
        WebSocketNotificationChannel ch = channels("erin").createNotificationChannel(new CreateNotificationChannel(
                new org.byon.gateway.it.client.model.CreateWebSocketNotificationChannel()
                        .channelType("WebSocket")
                        .requestedExpiresAt(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1))), null)
                .getWebSocketNotificationChannel();
        WsEvents ws = WsEvents.connect(ch.getChannelData().getChannelURL());
        assertThat(ws.awaitClose()).isEqualTo(1000);
        assertThat(ws.events).singleElement().satisfies(e -> {
            assertThat(e.path("type").asText()).isEqualTo("org.byon.channel.v1.channel-ends");
            assertThat(e.path("data").path("terminationReason").asText()).isEqualTo("CHANNEL_EXPIRED");
        });
        ws.assertValid();
        assertError(catchApi(() -> channels("erin").getNotificationChannel(ch.getChannelId(), null)), 404,
                "NOT_FOUND");
    }
}
