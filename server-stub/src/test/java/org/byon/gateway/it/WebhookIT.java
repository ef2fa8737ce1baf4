package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.byon.gateway.it.client.model.CreateNotificationChannel;
import org.byon.gateway.it.client.model.CreateRacmSession;
import org.byon.gateway.it.client.model.CreateWebhookNotificationChannel;
import org.byon.gateway.it.client.model.NotificationChannel;
import org.byon.gateway.it.client.model.RacmSession;
import org.byon.gateway.it.client.model.UpdateNotificationChannel;
import org.byon.gateway.it.client.model.WebhookChannelData;
import org.byon.gateway.it.client.model.WebhookNotificationChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery to a local receiver (com.sun.net.httpserver). */
class WebhookIT extends GatewayITSupport {
    static final String TOKEN = "webhook-token-0123456789-abcdef";

    record Received(String authorization, String contentType, JsonNode event) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    volatile int defaultAnswer = 204;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    json(new String(body, StandardCharsets.UTF_8))));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? defaultAnswer : status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    String hookUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    WebhookNotificationChannel webhookChannel(String name) throws Exception {
        NotificationChannel ch = channels(name).createNotificationChannel(new CreateNotificationChannel(
                new CreateWebhookNotificationChannel().channelType("Webhook")
                        .channelData(new WebhookChannelData().notificationUrl(hookUrl()).notificationAuthToken(TOKEN))),
                null);
        assertThat(ch.getActualInstance()).isInstanceOf(WebhookNotificationChannel.class);
        return ch.getWebhookNotificationChannel();
    }

    void oneEvent(String name, String channelId) throws Exception {
        RacmSession r = racm(name).createRacmSession(new CreateRacmSession().deviceId(UUID.randomUUID())
                .channelId(channelId), null);
        racm(name).deleteRacmSession(r.getRacmSessionId(), null);
    }

    @Test
    void eventsArePostedAsCloudEventsWithTheBearerTokenAndRetriedAfter500() throws Exception {
        WebhookNotificationChannel ch = webhookChannel("alice");
        assertThat(ch.getChannelData().getNotificationAuthToken()).isNull();
        answers.add(500);
        answers.add(503);
        oneEvent("alice", ch.getChannelId());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(ContractSchemas.get().eventErrors(r.event().toString())).isEmpty();
        });
        // a retried event keeps its id and sequence
        assertThat(received).extracting(r -> r.event().path("id").asText()).containsOnly(
                received.get(0).event().path("id").asText());
        assertThat(received).extracting(r -> r.event().path("sequence").asLong()).containsOnly(1L);

        // the rotated token is used from the next delivery on; sequence continues
        channels("alice").updateNotificationChannel(ch.getChannelId(), new UpdateNotificationChannel()
                .notificationAuthToken(TOKEN + "-rotated"), null);
        oneEvent("alice", ch.getChannelId());
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received.get(3).authorization()).isEqualTo("Bearer " + TOKEN + "-rotated");
        assertThat(received.get(3).event().path("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void gone410EndsTheChannel() throws Exception {
        WebhookNotificationChannel ch = webhookChannel("bob");
        answers.add(410);
        oneEvent("bob", ch.getChannelId());
        // a generous bound: it returns as soon as the channel is gone (a JVM that is still cold on a loaded machine
        // took more than 5 s for the first delivery)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertError(
                http("GET", "/byon/v0.2/channels/" + ch.getChannelId(), token("bob"), null), 404, "NOT_FOUND"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(received).hasSize(1)); // nothing more, not even channel-ends
    }

    @Test
    void everyAttemptFailingEndsTheChannelWithDeliveryFailed() throws Exception {
        WebhookNotificationChannel ch = webhookChannel("carol");
        defaultAnswer = 500;
        oneEvent("carol", ch.getChannelId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertError(
                http("GET", "/byon/v0.2/channels/" + ch.getChannelId(), token("carol"), null), 404, "NOT_FOUND"));
        assertThat(received).hasSize(4); // byon.webhook.max-attempts
    }
}
