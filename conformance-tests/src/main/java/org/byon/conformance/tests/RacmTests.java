package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.byon.conformance.engine.ConformanceTest.test;

/** RACM: registering web endpoints in IMS. */
final class RacmTests {
    private RacmTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-RACM-001", "Register -> 201 RacmSession with the token's phone number, status Registered")
                        .spec("#/paths/~1racm~1sessions/post/responses/201").tags("lifecycle", "positive").regs("A", 1)
                        .run(ctx -> {
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            ObjectNode body = ctx.racmBody(channelId);
                            Exchange ex = ctx.as(ctx.a(), "POST", "/racm/sessions").json(body).send();
                            cleanupRacm(ctx, ex);
                            ctx.expectStatus(ex, "POST /racm/sessions", 201);
                            ctx.expectConforms(ex, "POST /racm/sessions");
                            JsonNode j = ex.json();
                            ctx.check(ctx.a().phoneNumber().equals(j.path("phoneNumber").asText()), "phoneNumber is the subscriber's (from the token)",
                                    ctx.a().phoneNumber(), j.path("phoneNumber"), ex);
                            ctx.check("Registered".equals(j.path("status").asText()), "status", "Registered", j.path("status"), ex);
                            ctx.check(channelId.equals(j.path("channelId").asText()), "channelId echoed", channelId, j.path("channelId"), ex);
                            ctx.check(body.get("deviceId").asText().equals(j.path("deviceId").asText()), "deviceId echoed",
                                    body.get("deviceId").asText(), j.path("deviceId"), ex);
                        }),
                test("BYON-RACM-002", "Read a registration -> 200 with the same content")
                        .spec("#/paths/~1racm~1sessions~1{racmSessionId}/get/responses/200").tags("lifecycle", "positive").regs("A", 1)
                        .run(ctx -> {
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            Exchange created = ctx.createRacmFixture(ctx.a(), channelId);
                            String id = created.text("racmSessionId");
                            Exchange get = ctx.as(ctx.a(), "GET", "/racm/sessions/" + id).send();
                            ctx.expectStatus(get, "GET /racm/sessions/{id}", 200);
                            ctx.expectConforms(get, "GET /racm/sessions/{id}");
                            ctx.check(id.equals(get.text("racmSessionId")), "same registration", id, get.text("racmSessionId"), get);
                            ctx.check(ctx.a().phoneNumber().equals(get.text("phoneNumber")), "phoneNumber", ctx.a().phoneNumber(), get.text("phoneNumber"), get);
                        }),
                test("BYON-RACM-003", "Refresh a registration ({} and a new registrationExpireTime) -> 200")
                        .spec("#/paths/~1racm~1sessions~1{racmSessionId}/put/responses/200").tags("lifecycle", "positive").regs("A", 1)
                        .run(ctx -> {
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            String id = ctx.createRacmFixture(ctx.a(), channelId).text("racmSessionId");
                            Exchange empty = ctx.as(ctx.a(), "PUT", "/racm/sessions/" + id).json("{}").send();
                            ctx.expectStatus(empty, "PUT /racm/sessions/{id} with {}", 200);
                            ctx.expectConforms(empty, "PUT /racm/sessions/{id}");
                            String wish = Instant.now().plus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
                            Exchange put = ctx.as(ctx.a(), "PUT", "/racm/sessions/" + id).json(ctx.obj().put("registrationExpireTime", wish)).send();
                            ctx.expectStatus(put, "PUT /racm/sessions/{id} with registrationExpireTime", 200);
                            ctx.expectConforms(put, "PUT /racm/sessions/{id}");
                            String granted = put.text("expiresAt");
                            ctx.check(granted != null && !Instant.parse(granted).isAfter(Instant.parse(wish).plusSeconds(1)),
                                    "granted expiresAt is not later than requested", "<= " + wish, granted, put);
                        }),
                test("BYON-RACM-004", "De-register -> 204, then GET -> 404 NOT_FOUND")
                        .spec("#/paths/~1racm~1sessions~1{racmSessionId}/delete/responses/204").tags("lifecycle").regs("A", 1)
                        .run(ctx -> {
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            String id = ctx.createRacmFixture(ctx.a(), channelId).text("racmSessionId");
                            Exchange del = ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + id).send();
                            ctx.expectStatus(del, "DELETE /racm/sessions/{id}", 204);
                            ctx.check(del.responseBody() == null || del.responseBody().isEmpty(), "204 has no body", "empty", del.responseBody(), del);
                            Exchange get = ctx.as(ctx.a(), "GET", "/racm/sessions/" + id).send();
                            ctx.expectError(get, "GET after DELETE", 404, "NOT_FOUND");
                        }),
                test("BYON-RACM-005", "De-registering twice -> 404 NOT_FOUND the second time")
                        .spec("#/paths/~1racm~1sessions~1{racmSessionId}/delete/responses/404").tags("lifecycle", "negative").regs("A", 1)
                        .run(ctx -> {
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            String id = ctx.createRacmFixture(ctx.a(), channelId).text("racmSessionId");
                            Exchange first = ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + id).send();
                            if (!first.is2xx()) {
                                throw ctx.inconclusive("precondition: the first DELETE failed: " + ctx.actual(first));
                            }
                            Exchange second = ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + id).send();
                            ctx.expectError(second, "second DELETE /racm/sessions/{id}", 404, "NOT_FOUND");
                        }),
                test("BYON-RACM-006", "Register on a channel that does not exist -> 422 BYON.UNKNOWN_CHANNEL")
                        .spec("#/components/responses/CreateRacmSession422").tags("negative").regs("A", 1)
                        .run(ctx -> {
                            Exchange ex = ctx.as(ctx.a(), "POST", "/racm/sessions").json(ctx.racmBody("ch-byon-ct-does-not-exist")).send();
                            cleanupRacm(ctx, ex);
                            ctx.expectError(ex, "POST /racm/sessions with an unknown channelId", 422, "BYON.UNKNOWN_CHANNEL");
                        }),
                test("BYON-RACM-007", "Registering the same deviceId twice -> 409 ALREADY_EXISTS")
                        .spec("#/components/responses/CreateRacmSession409").tags("negative").regs("A", 2)
                        .run(ctx -> {
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            Exchange first = ctx.createRacmFixture(ctx.a(), channelId);
                            ObjectNode again = ctx.racmBody(channelId).put("deviceId", first.json().path("deviceId").asText());
                            Exchange second = ctx.as(ctx.a(), "POST", "/racm/sessions").json(again).send();
                            cleanupRacm(ctx, second);
                            ctx.expectError(second, "POST /racm/sessions with a registered deviceId", 409, "ALREADY_EXISTS");
                        }),
                test("BYON-RACM-008", "More registrations than allowed -> 403 BYON.MAX_REGISTRATION_PER_USER")
                        .full().spec("#/components/responses/CreateRacmSession403").tags("negative", "limits").regs("A", 99)
                        .describe("Registers A's devices until the gateway refuses (at most features.maxRegistrationsPerSubscriber + 1, default 6 attempts); the refusal must be 403 BYON.MAX_REGISTRATION_PER_USER.")
                        .run(ctx -> {
                            int max = ctx.config().maxRegistrationsPerSubscriber().orElse(5);
                            ctx.sharedEndpoint(ctx.a()); // the run's shared registration counts towards the limit
                            String channelId = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            List<Exchange> attempts = new ArrayList<>();
                            Exchange refused = null;
                            for (int i = 0; i <= max; i++) {
                                Exchange ex = ctx.as(ctx.a(), "POST", "/racm/sessions").json(ctx.racmBody(channelId)).send();
                                attempts.add(ex);
                                cleanupRacm(ctx, ex);
                                if (!ex.is2xx()) {
                                    refused = ex;
                                    break;
                                }
                            }
                            if (refused == null) {
                                ctx.check(false, "the registration limit is enforced", "a 403 within " + (max + 1) + " registrations",
                                        (max + 1) + " registrations accepted");
                                return;
                            }
                            ctx.expectError(refused, "registration beyond the limit", 403, "BYON.MAX_REGISTRATION_PER_USER");
                        }));
    }

    static void cleanupRacm(TestContext ctx, Exchange ex) {
        String id = ex.text("racmSessionId");
        if (ex.is2xx() && id != null) {
            ctx.cleanup(() -> ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + id).send());
        }
    }
}
