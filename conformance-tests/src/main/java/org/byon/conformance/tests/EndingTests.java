package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.Outcomes;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.webhook.WebhookReceiver;
import org.byon.conformance.ws.EventStream;
import org.byon.conformance.ws.ReceivedEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.byon.conformance.engine.ConformanceTest.test;

/**
 * How channels and registrations end when the client did not ask for it: the URL of an ended channel
 * (close 4404), a webhook receiver that is gone (410) or keeps failing (every retry), an access token that
 * expires while registered, and a refresh with another subscriber's token of the same client.
 */
final class EndingTests {
    private EndingTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-EVT-014", "The channelURL of a channel that has ended is refused (close 4404 or failed handshake), with no event")
                        .full().spec("#/components/schemas/WebSocketChannelData/properties/channelURL").clause("RFC 6455 7.4.2")
                        .tags("events", "websocket")
                        .run(EndingTests::endedChannelUrl),
                test("BYON-EVT-015", "A webhook receiver that answers 410 Gone ends the channel (WEBHOOK_GONE): no further POST, the channel is gone")
                        .full().spec("#/paths/~1channels/post/callbacks/notification").tags("events", "webhook").regs("A", 1)
                        .describe("The suite's receiver answers 410 to the first delivery; the channel must then be gone (GET 404 NOT_FOUND"
                                + " within timeouts.event) and no further POST arrive (not even channel-ends, byon.yaml).")
                        .run(EndingTests::webhookGone),
                test("BYON-EVT-016", "A webhook receiver that fails every attempt ends the channel (DELIVERY_FAILED) after 4 attempts")
                        .full().slow().spec("#/paths/~1channels/post/callbacks/notification").tags("events", "webhook", "retry").regs("A", 1)
                        .describe("The suite's receiver answers 503 to every delivery; the first event must be tried 4 times in all (byon.yaml:"
                                + " retried after 1 s, 2 s and 4 s) with the same id, then the channel must be gone (GET 404).")
                        .run(EndingTests::deliveryFailed),
                test("BYON-RACM-011", "A registration whose access token expires ends with registration-ends ACCESS_TOKEN_EXPIRED")
                        .full().slow().spec("#/components/schemas/RegistrationTerminationReason").tags("events", "racm", "expiry").regs("A", 1)
                        .describe("Registers with a fresh token of A and waits for its exp + timeouts.event: registration-ends with"
                                + " ACCESS_TOKEN_EXPIRED must arrive on the channel. NOT_APPLICABLE with static tokens, opaque tokens, or"
                                + " when the token lives longer than timeouts.registrationExpiry (the reference: start it with a short"
                                + " byon.auth.token-ttl).")
                        .run(EndingTests::tokenExpires),
                test("BYON-RACM-012", "Refreshing a registration with a token of another subscriber of the same client -> 403 INVALID_TOKEN_CONTEXT")
                        .full().spec("#/paths/~1racm~1sessions~1{racmSessionId}/put").tags("racm", "security").regs("A", 1)
                        .describe("A registers; PUT of the registration with subscriber D's token (D: another subscriber of A's client,"
                                + " subscribers.D) must answer 403 INVALID_TOKEN_CONTEXT, and the registration stays A's."
                                + " NOT_APPLICABLE without subscribers.D.")
                        .run(EndingTests::otherSubscribersToken));
    }

    static void endedChannelUrl(TestContext ctx) {
        Exchange ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
        String url = ch.json().path("channelData").path("channelURL").asText();
        Exchange del = ctx.as(ctx.a(), "DELETE", "/channels/" + ch.text("channelId")).send();
        if (!del.is2xx()) {
            throw ctx.inconclusive("precondition: DELETE of the channel failed: " + ctx.actual(del));
        }
        EventStream es;
        try {
            es = EventStream.connect(ctx.session().client(), url, null, ctx.session().contract(),
                    ev -> ctx.evidence().frame("ended", ev), ctx.config().timeouts().http());
        } catch (Exception refused) {
            ctx.note("handshake refused: " + refused.getClass().getSimpleName());
            return;
        }
        es.onGatewayClose(code -> ctx.evidence().close("ended", code));
        try (es) {
            Optional<Integer> code = es.awaitClose(ctx.eventTimeout());
            ctx.check(code.isPresent() && code.get() == 4404, "the URL of the ended channel is closed", "close code 4404 (or a refused handshake)",
                    code.map(String::valueOf).orElse("still open"));
            ctx.check(es.events().isEmpty(), "no event is sent on the URL of an ended channel", "no frames", es.events().size() + " frames");
        }
    }

    /** Polls GET of the channel until it answers 404 or the deadline passes; returns the last answer. */
    static Exchange awaitGone(TestContext ctx, String channelId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Exchange ex;
        do {
            ex = ctx.as(ctx.a(), "GET", "/channels/" + channelId).send();
            if (ex.status() == 404) {
                return ex;
            }
            pause(Duration.ofMillis(250));
        } while (System.nanoTime() < deadline);
        return ex;
    }

    static void webhookGone(TestContext ctx) throws Exception {
        EventTests.Hooked h = EventTests.webhookEndpoint(ctx, Integer.MAX_VALUE, 410);
        WebhookReceiver.Delivery first = h.hook().await(x -> true, ctx.eventTimeout())
                .orElseThrow(() -> noDelivery(ctx));
        Exchange gone = awaitGone(ctx, h.channelId(), ctx.eventTimeout());
        ctx.expectError(gone, "the channel after its receiver answered 410", 404, "NOT_FOUND");
        // nothing more may come: wait as long as a retry would take before counting
        List<WebhookReceiver.Delivery> all = h.hook().awaitN(x -> true, 2, Duration.ofMillis(1500));
        ctx.check(all.size() == 1, "no further POST after 410 (not even channel-ends)", "1 delivery (the one answered 410)",
                all.size() + " deliveries: " + all.stream().map(d -> d.json().path("type").asText() + "#" + d.json().path("sequence")).toList());
        ctx.note("first delivery: " + first.json().path("type").asText());
    }

    static void deliveryFailed(TestContext ctx) throws Exception {
        EventTests.Hooked h = EventTests.webhookEndpoint(ctx, Integer.MAX_VALUE, 503);
        WebhookReceiver.Delivery first = h.hook().await(x -> true, ctx.eventTimeout()).orElseThrow(() -> noDelivery(ctx));
        JsonNode id = first.json().path("id");
        // byon.yaml: retried after 1 s, 2 s and 4 s (4 attempts in all); each attempt may take up to timeouts.http
        Duration retries = Duration.ofSeconds(7).plus(ctx.config().timeouts().webhookRetry());
        List<WebhookReceiver.Delivery> attempts = h.hook().awaitN(d -> d.json().path("id").equals(id), 4, retries);
        ctx.check(attempts.size() == 4, "the first event is tried 4 times in all", "4 attempts with id " + id.asText(), attempts.size() + " attempts");
        for (int i = 1; i < attempts.size(); i++) {
            ctx.timing("retry " + i + " after", Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()).toMillis());
        }
        Exchange gone = awaitGone(ctx, h.channelId(), ctx.eventTimeout().plusSeconds(2));
        ctx.expectError(gone, "the channel after every attempt failed", 404, "NOT_FOUND");
        List<WebhookReceiver.Delivery> more = h.hook().awaitN(d -> !d.json().path("id").equals(id), 1, Duration.ofMillis(500));
        more.stream().filter(d -> Flows.CHANNEL_ENDS.equals(d.json().path("type").asText())).findFirst().ifPresent(d ->
                ctx.check("DELIVERY_FAILED".equals(d.json().path("data").path("terminationReason").asText()),
                        "channel-ends after the failed deliveries", "terminationReason DELIVERY_FAILED", d.json().path("data")));
    }

    private static RuntimeException noDelivery(TestContext ctx) {
        ctx.check(false, "the webhook receives the channel's events", "a POST within the deadline", "nothing delivered");
        return new Outcomes.Stop("no webhook delivery");
    }

    static void tokenExpires(TestContext ctx) throws Exception {
        SuiteConfig.Subscriber a = ctx.a();
        Optional<String> fresh = ctx.session().tokens().tokenWithScope(a, ctx.config().auth().scope().orElse(null));
        if (fresh.isEmpty()) {
            throw ctx.notApplicable("the config gives static tokens: the suite cannot get a fresh token to let it expire");
        }
        Optional<Instant> exp = expiry(fresh.get());
        if (exp.isEmpty()) {
            throw ctx.notApplicable("the access token is opaque or has no exp claim: the suite cannot tell when it expires");
        }
        Duration lifetime = Duration.between(Instant.now(), exp.get());
        Duration limit = ctx.config().timeouts().registrationExpiry();
        if (lifetime.compareTo(limit) > 0) {
            throw ctx.notApplicable("the gateway's access tokens live " + lifetime.toSeconds() + " s, longer than this run waits"
                    + " (timeouts.registrationExpiry " + limit.toMillis() + " ms); against the reference gateway start it with a short"
                    + " --byon.auth.token-ttl");
        }
        String token = fresh.get();
        Exchange ch = ctx.req("POST", "/channels").bearer(token).json(ctx.webSocketChannelBody()).send();
        if (!ch.is2xx() || ch.text("channelId") == null) {
            throw ctx.inconclusive("precondition: creating a channel with the fresh token failed: " + ctx.actual(ch));
        }
        String channelId = ch.text("channelId");
        ctx.cleanup(() -> fresh(ctx, a).ifPresent(t -> ctx.req("DELETE", "/channels/" + channelId).bearer(t).send()));
        EventStream es = ctx.connect("A ws", ch.json().path("channelData").path("channelURL").asText(), null);
        Exchange reg = ctx.req("POST", "/racm/sessions").bearer(token).json(ctx.racmBody(channelId)).send();
        String racm = reg.text("racmSessionId");
        if (!reg.is2xx() || racm == null) {
            throw ctx.inconclusive("precondition: registering with the fresh token failed (it lives " + lifetime.toMillis() + " ms): " + ctx.actual(reg));
        }
        ctx.cleanup(() -> fresh(ctx, a).ifPresent(t -> ctx.req("DELETE", "/racm/sessions/" + racm).bearer(t).send()));
        Duration wait = Duration.between(Instant.now(), exp.get()).plus(ctx.eventTimeout());
        long t0 = System.nanoTime();
        Optional<ReceivedEvent> ends = es.await(e -> e.type().equals(Flows.REG_ENDS) && racm.equals(e.dataText("racmSessionId")),
                wait.isNegative() ? ctx.eventTimeout() : wait);
        ctx.check(ends.isPresent(), "registration-ends when the token expires", "registration-ends for " + racm + " by " + exp.get()
                + " + timeouts.event", es.events().stream().map(ReceivedEvent::brief).toList());
        ends.ifPresent(e -> {
            ctx.timing("registration-ends after registering", Flows.since(t0));
            ctx.check("ACCESS_TOKEN_EXPIRED".equals(e.dataText("terminationReason")), "terminationReason", "ACCESS_TOKEN_EXPIRED",
                    e.dataText("terminationReason"));
        });
    }

    private static Optional<String> fresh(TestContext ctx, SuiteConfig.Subscriber s) {
        try {
            return ctx.session().tokens().tokenWithScope(s, ctx.config().auth().scope().orElse(null));
        } catch (Outcomes.EnvironmentFailure e) {
            return Optional.empty();
        }
    }

    /** The {@code exp} of a JWT, if it is one. */
    static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = TestContext.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.path("exp").canConvertToLong() ? Optional.of(Instant.ofEpochSecond(claims.path("exp").asLong())) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static void otherSubscribersToken(TestContext ctx) {
        SuiteConfig.Subscriber d = ctx.config().d().orElseThrow(() -> ctx.notApplicable("needs subscribers.D, another subscriber"
                + " of A's OAuth client (the same client, another phone number: e.g. two subscribers signed in through one"
                + " three-legged client, their tokens given as static tokens of A and D)"));
        Endpoint a = ctx.endpoint(ctx.a());
        Exchange put = ctx.as(d, "PUT", "/racm/sessions/" + a.racmSessionId()).json("{}").send();
        ctx.expectError(put, "PUT of A's registration with subscriber D's token", 403, "INVALID_TOKEN_CONTEXT");
        Exchange still = ctx.as(ctx.a(), "GET", "/racm/sessions/" + a.racmSessionId()).send();
        ctx.expectStatus(still, "the registration is still A's", 200);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
