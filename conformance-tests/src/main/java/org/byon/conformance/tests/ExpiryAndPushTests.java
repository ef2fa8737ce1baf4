package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.EventStream;
import org.byon.conformance.ws.ReceivedEvent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.byon.conformance.engine.ConformanceTest.test;

/**
 * Tests that need what only a test deployment offers: a short minimum registration expiry
 * ({@code features.minRegistrationExpiry}) and a readable push outbox ({@code features.pushOutboxUrl}).
 * Without them they are NOT_APPLICABLE with the reason.
 */
final class ExpiryAndPushTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpiryAndPushTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-RACM-009", "A registration that is not refreshed ends at expiresAt: registration-ends REGISTRATION_EXPIRED")
                        .full().slow().spec("#/components/schemas/RegistrationTerminationReason").tags("events", "racm", "expiry").regs("A", 1)
                        .describe("Registers with registrationExpireTime = now + features.minRegistrationExpiry (a shorter wish is raised to the"
                                + " gateway's minimum) and waits until the granted expiresAt + timeouts.event"
                                + " for registration-ends with REGISTRATION_EXPIRED. NOT_APPLICABLE when the minimum is not declared or is longer"
                                + " than timeouts.registrationExpiry; INCONCLUSIVE when the granted expiresAt is further away than that.")
                        .run(ExpiryAndPushTests::registrationExpiry),
                test("BYON-EVT-012", "Push delivery: an event of a PushNotification channel reaches the push service with the channel's registrationToken")
                        .full().spec("#/components/schemas/PushNotificationChannelData").clause("CloudEvents 1.0").tags("events", "push").regs("A", 1)
                        .describe("Creates a PushNotification channel, registers on it and de-registers; the registration-ends event must appear"
                                + " in the push outbox (features.pushOutboxUrl: a JSON array of {channelId, registrationToken, event}) within"
                                + " timeouts.event, valid against byon.yaml. NOT_APPLICABLE without PushNotification or a pushOutboxUrl.")
                        .run(ExpiryAndPushTests::pushDelivery));
    }

    static void registrationExpiry(TestContext ctx) {
        Optional<Duration> min = ctx.config().minRegistrationExpiry();
        if (min.isEmpty()) {
            throw ctx.notApplicable("features.minRegistrationExpiry is not declared: the run cannot tell how long a registration must live");
        }
        Duration limit = ctx.config().timeouts().registrationExpiry();
        if (min.get().plusSeconds(1).compareTo(limit) > 0) {
            // the config's timeout is shorter than what the gateway declares: the suite's setup, never the gateway's fault
            throw ctx.inconclusive("suite setup, not the gateway: this run waits timeouts.registrationExpiry " + limit.toMillis()
                    + " ms, less than the gateway's declared minimum registration expiry (features.minRegistrationExpiry "
                    + min.get().toMillis() + " ms) plus 1 s; fix: raise timeouts.registrationExpiry to at least "
                    + min.get().plusSeconds(1).plus(ctx.eventTimeout()).toSeconds() + "s");
        }
        Exchange ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
        String url = ch.json().path("channelData").path("channelURL").asText(null);
        if (url == null) {
            throw ctx.inconclusive("precondition: the WebSocket channel has no channelData.channelURL");
        }
        EventStream es = ctx.connect("A ws", url, null);
        Instant wish = Instant.now().plus(min.get()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        ObjectNode body = ctx.racmBody(ch.text("channelId")).put("registrationExpireTime", wish.toString());
        Exchange reg = ctx.as(ctx.a(), "POST", "/racm/sessions").json(body).send();
        RacmTests.cleanupRacm(ctx, reg);
        if (!reg.is2xx() || reg.text("racmSessionId") == null) {
            throw ctx.inconclusive("precondition: registering with a short registrationExpireTime failed: " + ctx.actual(reg));
        }
        String id = reg.text("racmSessionId");
        Instant granted;
        try {
            granted = OffsetDateTime.parse(reg.text("expiresAt")).toInstant();
        } catch (RuntimeException e) {
            ctx.check(false, "expiresAt is a date-time", "a date-time", reg.text("expiresAt"), reg);
            return;
        }
        Duration untilExpiry = Duration.between(Instant.now(), granted);
        if (untilExpiry.compareTo(limit) > 0) {
            throw ctx.inconclusive("precondition: the gateway granted expiresAt " + granted + " (" + untilExpiry.toMillis()
                    + " ms away), beyond what this run waits (timeouts.registrationExpiry " + limit.toMillis()
                    + " ms): is features.minRegistrationExpiry the gateway's minimum?");
        }
        Duration wait = (untilExpiry.isNegative() ? Duration.ZERO : untilExpiry).plus(ctx.eventTimeout());
        Optional<ReceivedEvent> ends = es.await(e -> e.type().equals(Flows.REG_ENDS) && id.equals(e.dataText("racmSessionId")),
                wait);
        ctx.check(ends.isPresent(), "registration-ends within " + wait.toMillis() + " ms (expiresAt + timeouts.event)",
                "registration-ends for " + id, es.events().stream().map(ReceivedEvent::brief).toList());
        if (ends.isPresent()) {
            ctx.timing("registration-ends after expiresAt", Duration.between(granted, ends.get().receivedAt()).toMillis());
            ctx.check("REGISTRATION_EXPIRED".equals(ends.get().dataText("terminationReason")), "terminationReason",
                    "REGISTRATION_EXPIRED", ends.get().dataText("terminationReason"));
        }
    }

    static void pushDelivery(TestContext ctx) {
        if (!ctx.config().supports("PushNotification")) {
            throw ctx.notApplicable("the gateway does not declare PushNotification channels (features.channelTypes)");
        }
        Optional<String> outbox = ctx.config().pushOutboxUrl();
        if (outbox.isEmpty()) {
            throw ctx.notApplicable("no features.pushOutboxUrl: the suite cannot see what the gateway hands to the push service");
        }
        String token = "fcm-byon-ct-" + UUID.randomUUID();
        ObjectNode body = ctx.obj().put("channelType", "PushNotification");
        body.putObject("channelData").put("registrationToken", token);
        Exchange ch = ctx.createChannelFixture(ctx.a(), body);
        String channelId = ch.text("channelId");
        String racmId = ctx.createRacmFixture(ctx.a(), channelId).text("racmSessionId");
        Exchange del = ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + racmId).send();
        if (!del.is2xx()) {
            throw ctx.inconclusive("precondition: DELETE of the registration failed: " + ctx.actual(del));
        }
        URI uri = ctx.config().resolve(outbox.get());
        long t0 = System.nanoTime();
        long deadline = t0 + ctx.eventTimeout().toNanos();
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            seen = pushesOf(ctx, uri, channelId);
            JsonNode ends = seen.stream().filter(p -> Flows.REG_ENDS.equals(event(p).path("type").asText())).findFirst().orElse(null);
            if (ends != null) {
                ctx.timing("push of registration-ends after DELETE", Flows.since(t0));
                JsonNode ev = event(ends);
                ctx.check(token.equals(ends.path("registrationToken").asText()), "pushed with the channel's registrationToken",
                        token, ends.path("registrationToken").asText());
                ctx.check(racmId.equals(ev.path("data").path("racmSessionId").asText()), "the event names the registration",
                        racmId, ev.path("data").path("racmSessionId"));
                List<String> v = ctx.session().contract().validateEvent(ev);
                ctx.session().eventLedger().add(ctx.test().id(), "push " + ev.path("type").asText(), v);
                ctx.check(v.isEmpty(), "the pushed event is valid against byon.yaml", "no violations", v);
                return;
            }
            if (System.nanoTime() > deadline) {
                ctx.check(false, "registration-ends pushed within " + ctx.eventTimeout().toMillis() + " ms",
                        "a push of registration-ends for channel " + channelId, seen.stream().map(p -> event(p).path("type").asText()).toList());
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The pushes of one channel in the outbox (a JSON array of {channelId, registrationToken, event}). */
    private static List<JsonNode> pushesOf(TestContext ctx, URI uri, String channelId) {
        try {
            HttpResponse<String> r = ctx.session().client().send(HttpRequest.newBuilder(uri).timeout(ctx.config().timeouts().http())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw ctx.inconclusive("precondition: GET " + uri + " (features.pushOutboxUrl) answered " + r.statusCode());
            }
            JsonNode all = JSON.readTree(r.body());
            List<JsonNode> out = new ArrayList<>();
            all.forEach(p -> {
                if (channelId.equals(p.path("channelId").asText())) {
                    out.add(p);
                }
            });
            return out;
        } catch (java.io.IOException e) {
            throw ctx.inconclusive("precondition: GET " + uri + " (features.pushOutboxUrl) failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ctx.inconclusive("interrupted");
        }
    }

    /** The pushed CloudEvent: an object, or a string holding the serialized event. */
    private static JsonNode event(JsonNode push) {
        JsonNode e = push.path("event");
        if (e.isTextual()) {
            try {
                return JSON.readTree(e.asText());
            } catch (java.io.IOException ex) {
                return JSON.createObjectNode();
            }
        }
        return e;
    }
}
