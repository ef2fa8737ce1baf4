package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.EventStream;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.byon.conformance.engine.ConformanceTest.test;

/** CHAN: notification channels, their lifecycle and the write-only webhook credential. */
final class ChannelTests {
    private ChannelTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-CHAN-001", "Create a WebSocket channel -> 201 NotificationChannel with a ws(s) channelURL")
                        .spec("#/paths/~1channels/post/responses/201").tags("lifecycle", "positive")
                        .run(ctx -> {
                            Exchange ex = ctx.as(ctx.a(), "POST", "/channels").json(ctx.webSocketChannelBody()).send();
                            cleanupChannel(ctx, ex);
                            ctx.expectStatus(ex, "POST /channels", 201);
                            ctx.expectConforms(ex, "POST /channels");
                            JsonNode j = ex.json();
                            ctx.check("WebSocket".equals(j.path("channelType").asText()), "channelType echoed", "WebSocket", j.path("channelType"), ex);
                            String url = j.path("channelData").path("channelURL").asText("");
                            ctx.session().redactor().addSecret(url);
                            ctx.check(url.startsWith("ws://") || url.startsWith("wss://"), "channelData.channelURL", "a ws:// or wss:// URL", ctx.redact(url), ex);
                        }),
                test("BYON-CHAN-002", "Read a channel and find it in the caller's list")
                        .spec("#/paths/~1channels~1{channelId}/get/responses/200").tags("lifecycle", "positive")
                        .run(ctx -> {
                            Exchange created = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String id = created.text("channelId");
                            Exchange get = ctx.as(ctx.a(), "GET", "/channels/" + id).send();
                            ctx.expectStatus(get, "GET /channels/{id}", 200);
                            ctx.expectConforms(get, "GET /channels/{id}");
                            ctx.check(id.equals(get.text("channelId")), "GET returns the same channel", id, get.text("channelId"), get);
                            Exchange list = ctx.as(ctx.a(), "GET", "/channels").send();
                            ctx.expectStatus(list, "GET /channels", 200);
                            ctx.expectConforms(list, "GET /channels");
                            boolean found = false;
                            for (JsonNode c : list.json()) {
                                found |= id.equals(c.path("channelId").asText());
                            }
                            ctx.check(found, "the new channel is listed", id, "not in the list", list);
                        }),
                test("BYON-CHAN-003", "Renew a channel with requestedExpiresAt -> 200 with the granted expiresAt")
                        .spec("#/paths/~1channels~1{channelId}/put/responses/200").tags("lifecycle", "positive")
                        .run(ctx -> {
                            Exchange created = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String id = created.text("channelId");
                            String wish = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
                            Exchange put = ctx.as(ctx.a(), "PUT", "/channels/" + id).json(ctx.obj().put("requestedExpiresAt", wish)).send();
                            ctx.expectStatus(put, "PUT /channels/{id}", 200);
                            ctx.expectConforms(put, "PUT /channels/{id}");
                            ctx.check(id.equals(put.text("channelId")), "the channel keeps its id", id, put.text("channelId"), put);
                            String granted = put.text("expiresAt");
                            ctx.check(granted != null && !Instant.parse(granted).isAfter(Instant.parse(wish).plusSeconds(1)),
                                    "granted expiresAt is not later than requested", "<= " + wish, granted, put);
                            Exchange empty = ctx.as(ctx.a(), "PUT", "/channels/" + id).json("{}").send();
                            ctx.expectStatus(empty, "PUT /channels/{id} with {} (renew by default lifetime)", 200);
                        }),
                test("BYON-CHAN-004", "Delete a channel -> 204, its WebSocket closes with 1000, then GET -> 404")
                        .spec("#/paths/~1channels~1{channelId}/delete/responses/204").clause("RFC 6455 7.4.1").tags("lifecycle", "websocket")
                        .run(ctx -> {
                            Exchange created = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String id = created.text("channelId");
                            EventStream es = ctx.connect("A ws", created.json().path("channelData").path("channelURL").asText(), null);
                            Exchange del = ctx.as(ctx.a(), "DELETE", "/channels/" + id).send();
                            ctx.expectStatus(del, "DELETE /channels/{id}", 204);
                            ctx.check(del.responseBody() == null || del.responseBody().isEmpty(), "204 has no body", "empty", del.responseBody(), del);
                            Optional<Integer> code = es.awaitClose(ctx.eventTimeout());
                            ctx.check(code.isPresent() && code.get() == 1000, "WebSocket closed by the gateway", "close code 1000",
                                    code.map(String::valueOf).orElse("still open"));
                            Exchange get = ctx.as(ctx.a(), "GET", "/channels/" + id).send();
                            ctx.expectError(get, "GET after DELETE", 404, "NOT_FOUND");
                        }),
                test("BYON-CHAN-005", "Deleting a channel twice -> 404 NOT_FOUND the second time")
                        .spec("#/paths/~1channels~1{channelId}/delete/responses/404").tags("lifecycle", "negative")
                        .run(ctx -> {
                            Exchange created = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String id = created.text("channelId");
                            Exchange first = ctx.as(ctx.a(), "DELETE", "/channels/" + id).send();
                            if (!first.is2xx()) {
                                throw ctx.inconclusive("precondition: the first DELETE failed: " + ctx.actual(first));
                            }
                            Exchange second = ctx.as(ctx.a(), "DELETE", "/channels/" + id).send();
                            ctx.expectError(second, "second DELETE /channels/{id}", 404, "NOT_FOUND");
                        }),
                test("BYON-CHAN-006", "requestedExpiresAt in the past -> 400 OUT_OF_RANGE")
                        .spec("#/paths/~1channels/post/responses/400").tags("negative")
                        .run(ctx -> {
                            ObjectNode body = ctx.webSocketChannelBody().put("requestedExpiresAt", "2020-01-01T00:00:00Z");
                            Exchange ex = ctx.as(ctx.a(), "POST", "/channels").json(body).send();
                            cleanupChannel(ctx, ex);
                            ctx.expectError(ex, "POST /channels with an expiry in the past", 400, "OUT_OF_RANGE");
                        }),
                test("BYON-CHAN-007", "notificationAuthToken on a WebSocket channel -> 400 INVALID_ARGUMENT")
                        .spec("#/paths/~1channels~1{channelId}/put/responses/400").tags("negative")
                        .run(ctx -> {
                            Exchange created = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            Exchange ex = ctx.as(ctx.a(), "PUT", "/channels/" + created.text("channelId"))
                                    .json(ctx.obj().put("notificationAuthToken", "byon-ct-rotated-token-0123456789")).send();
                            ctx.expectError(ex, "PUT notificationAuthToken on a WebSocket channel", 400, "INVALID_ARGUMENT");
                        }),
                test("BYON-CHAN-008", "Create a webhook channel -> 201; notificationAuthToken is never returned")
                        .full().spec("#/components/schemas/WebhookChannelData/properties/notificationAuthToken").tags("webhook", "security")
                        .run(ctx -> {
                            if (!ctx.config().supports("Webhook")) {
                                throw ctx.notApplicable("the gateway does not declare Webhook channels (features.channelTypes)");
                            }
                            String secret = "byon-ct-webhook-secret-" + java.util.UUID.randomUUID();
                            ctx.session().redactor().addSecret(secret);
                            ObjectNode body = webhookBody(ctx, ctx.webhookHook(0).url(), secret);
                            Exchange ex = ctx.as(ctx.a(), "POST", "/channels").json(body).send();
                            cleanupChannel(ctx, ex);
                            ctx.inconclusiveIfReceiverRefused(ex);
                            ctx.expectStatus(ex, "POST /channels (Webhook)", 201);
                            ctx.expectConforms(ex, "POST /channels (Webhook)");
                            String id = ex.text("channelId");
                            ctx.check(!org.byon.conformance.http.Meaning.jsonMentions(ex.responseBody(), secret), "create response omits notificationAuthToken", "absent", "returned", ex);
                            if (id != null) {
                                Exchange get = ctx.as(ctx.a(), "GET", "/channels/" + id).send();
                                ctx.check(!org.byon.conformance.http.Meaning.jsonMentions(get.responseBody(), secret), "GET omits notificationAuthToken", "absent", "returned", get);
                                Exchange list = ctx.as(ctx.a(), "GET", "/channels").send();
                                ctx.check(!org.byon.conformance.http.Meaning.jsonMentions(list.responseBody(), secret), "list omits notificationAuthToken", "absent", "returned", list);
                            }
                        }),
                test("BYON-CHAN-010", "Webhook URLs on loopback, link-local or private addresses -> 422 BYON.NOTIFICATION_URL_NOT_ALLOWED")
                        .full().spec("#/components/responses/NotificationUrlNotAllowed422").clause("OWASP SSRF prevention")
                        .tags("webhook", "security", "ssrf")
                        .run(ctx -> {
                            if (!ctx.config().supports("Webhook")) {
                                throw ctx.notApplicable("the gateway does not declare Webhook channels (features.channelTypes)");
                            }
                            if (!ctx.config().webhookUrlGuard()) {
                                throw ctx.notApplicable("the config declares the gateway's webhook URL guard off (features.webhookUrlGuard: false, a test deployment)");
                            }
                            for (String url : List.of("https://127.0.0.1/byon-ct", "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/byon-ct")) {
                                Exchange ex = ctx.as(ctx.a(), "POST", "/channels").json(webhookBody(ctx, url, "byon-ct-ssrf-token-0123456789")).send();
                                cleanupChannel(ctx, ex);
                                ctx.expectError(ex, "webhook channel to " + url, 422, "BYON.NOTIFICATION_URL_NOT_ALLOWED");
                            }
                        }),
                test("BYON-CHAN-009", "Create a push notification channel -> 201 with the registrationToken")
                        .full().spec("#/components/schemas/PushNotificationChannel").tags("push")
                        .run(ctx -> {
                            if (!ctx.config().supports("PushNotification")) {
                                throw ctx.notApplicable("the gateway does not declare PushNotification channels (features.channelTypes)");
                            }
                            ObjectNode body = ctx.obj().put("channelType", "PushNotification");
                            body.putObject("channelData").put("registrationToken", "fcm-byon-ct-" + java.util.UUID.randomUUID());
                            Exchange ex = ctx.as(ctx.a(), "POST", "/channels").json(body).send();
                            cleanupChannel(ctx, ex);
                            ctx.expectStatus(ex, "POST /channels (PushNotification)", 201);
                            ctx.expectConforms(ex, "POST /channels (PushNotification)");
                            ctx.check(body.path("channelData").path("registrationToken").asText().equals(
                                    ex.json().path("channelData").path("registrationToken").asText()), "registrationToken echoed",
                                    "the token sent", ex.json().path("channelData"), ex);
                        }));
    }

    static ObjectNode webhookBody(TestContext ctx, String url, String token) {
        ObjectNode body = ctx.obj().put("channelType", "Webhook");
        ObjectNode data = body.putObject("channelData").put("notificationUrl", url);
        if (token != null) {
            data.put("notificationAuthToken", token);
        }
        return body;
    }

    static void cleanupChannel(TestContext ctx, Exchange ex) {
        String id = ex.text("channelId");
        if (ex.is2xx() && id != null) {
            ctx.cleanup(() -> ctx.as(ctx.a(), "DELETE", "/channels/" + id).send());
        }
    }
}
