package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.Ledger;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.webhook.WebhookReceiver;
import org.byon.conformance.ws.EventStream;
import org.byon.conformance.ws.ReceivedEvent;
import org.byon.conformance.ws.SequenceChecker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.byon.conformance.engine.ConformanceTest.test;

/** EVT: CloudEvents on WebSocket and webhook channels: envelope, schema, sequence, replay, delivery. */
final class EventTests {
    private EventTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-EVT-001", "Every frame is one valid CloudEvent matching its type's schema")
                        .spec("#/components/schemas/CloudEvent").clause("CloudEvents 1.0 (structured JSON mode)")
                        .tags("events", "websocket", "schema").regs("A", 1)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            List<ReceivedEvent> events = produceEvents(ctx, a, 2);
                            for (ReceivedEvent e : events) {
                                ctx.check(e.violations().isEmpty(), "frame " + e.brief() + " is valid against byon.yaml", "no violations", e.violations());
                                ctx.check("1.0".equals(e.json().path("specversion").asText()), "specversion", "1.0", e.json().path("specversion"));
                                ctx.check("application/json".equals(org.byon.conformance.http.Meaning.mediaType(e.json().path("datacontenttype").asText())), "datacontenttype",
                                        "application/json", e.json().path("datacontenttype"));
                            }
                        }),
                test("BYON-EVT-002", "sequence starts at 1 and increases by 1 with no gaps")
                        .spec("#/components/schemas/CloudEventSequence").clause("CloudEvents 1.0 extension attributes")
                        .tags("events", "websocket", "sequence").regs("A", 1)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            List<ReceivedEvent> events = produceEvents(ctx, a, 3);
                            List<Long> seqs = events.stream().map(ReceivedEvent::sequence).toList();
                            List<String> problems = SequenceChecker.check(seqs, 1, false);
                            ctx.check(problems.isEmpty(), "sequence of " + a.label() + "'s channel", "1, 2, 3, ...", seqs + " " + problems);
                        }),
                test("BYON-EVT-003", "Reconnecting with ?lastSequence=N replays the retained events after N")
                        .spec("#/components/schemas/WebSocketChannelData/properties/channelURL").tags("events", "websocket", "replay").regs("A", 1)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            List<ReceivedEvent> events = produceEvents(ctx, a, 3);
                            a.events().close();
                            Long first = events.get(0).sequence();
                            if (first == null) {
                                throw ctx.inconclusive("precondition: events carry no integer sequence");
                            }
                            EventStream again = ctx.connect(a.label() + " replay", a.channelUrl(), first);
                            List<ReceivedEvent> replayed = again.awaitCount(events.size() - 1, ctx.eventTimeout());
                            List<String> expectedIds = events.subList(1, events.size()).stream().map(e -> e.json().path("id").asText()).toList();
                            List<String> gotIds = replayed.stream().map(e -> e.json().path("id").asText()).toList();
                            ctx.check(gotIds.size() >= expectedIds.size() && gotIds.subList(0, expectedIds.size()).equals(expectedIds),
                                    "events after sequence " + first + " are replayed first, same ids", expectedIds, gotIds);
                            ctx.check(replayed.stream().noneMatch(e -> e.sequence() != null && e.sequence() <= first),
                                    "nothing at or before lastSequence is replayed", "sequence > " + first,
                                    replayed.stream().map(ReceivedEvent::sequence).toList());
                        }),
                test("BYON-EVT-004", "De-registering announces registration-ends (DELETED) on the registration's channel")
                        .spec("#/components/schemas/RegistrationEndsEvent").tags("events", "racm").regs("A", 1)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Exchange del = ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + a.racmSessionId()).send();
                            if (!del.is2xx()) {
                                throw ctx.inconclusive("precondition: DELETE of the registration failed: " + ctx.actual(del));
                            }
                            long t0 = System.nanoTime();
                            ReceivedEvent e = ctx.awaitEvent(a, "registration-ends for " + a.racmSessionId(),
                                    ev -> ev.type().equals(Flows.REG_ENDS) && a.racmSessionId().equals(ev.dataText("racmSessionId")));
                            ctx.timing("registration-ends after DELETE", Flows.since(t0));
                            ctx.check("DELETED".equals(e.dataText("terminationReason")), "terminationReason", "DELETED", e.dataText("terminationReason"));
                        }),
                test("BYON-EVT-013", "De-registering during a call ends the call first (Terminated, reason REGISTRATION_ENDED), then registration-ends")
                        .full().spec("#/components/schemas/RegistrationEndsData").tags("events", "racm", "calls").regs("A", 1)
                        .describe("A calls the external number that answers; once Connected, A deletes its registration. byon.yaml: a registration"
                                + " that ends has ended its calls before, with reason REGISTRATION_ENDED. NOT_APPLICABLE without externalNumbers.answers.")
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            String vs = Flows.connectedExternal(ctx, a)
                                    .orElseThrow(() -> ctx.notApplicable("needs externalNumbers.answers (a number that answers) for a call to be live"));
                            Exchange del = ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + a.racmSessionId()).send();
                            if (!del.is2xx()) {
                                throw ctx.inconclusive("precondition: DELETE of the registration failed: " + ctx.actual(del));
                            }
                            ReceivedEvent end = ctx.awaitEvent(a, "registration-ends for " + a.racmSessionId(),
                                    ev -> ev.type().equals(Flows.REG_ENDS) && a.racmSessionId().equals(ev.dataText("racmSessionId")));
                            ReceivedEvent term = Flows.terminal(ctx, a, vs, ctx.eventTimeout());
                            ctx.check("Terminated".equals(term.dataText("status")), "the call's terminal status", "Terminated", term.dataText("status"));
                            ctx.check("REGISTRATION_ENDED".equals(term.dataText("reason")), "the call's reason", "REGISTRATION_ENDED", term.dataText("reason"));
                            Long ts = term.sequence();
                            Long es = end.sequence();
                            ctx.check(ts != null && es != null && ts < es, "the call ended before registration-ends (sequence)",
                                    "call's terminal event before registration-ends", "call at " + ts + ", registration-ends at " + es);
                        }),
                test("BYON-EVT-005", "Deleting a channel sends channel-ends (DELETED) as its last event, then closes with 1000")
                        .spec("#/components/schemas/ChannelEndsEvent").clause("RFC 6455 7.4.1").tags("events", "websocket")
                        .run(ctx -> {
                            Exchange ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String id = ch.text("channelId");
                            EventStream es = ctx.connect("A ws", ch.json().path("channelData").path("channelURL").asText(), null);
                            ctx.as(ctx.a(), "DELETE", "/channels/" + id).send();
                            Optional<ReceivedEvent> ends = es.await(e -> e.type().equals(Flows.CHANNEL_ENDS), ctx.eventTimeout());
                            ctx.check(ends.isPresent() && "DELETED".equals(ends.get().dataText("terminationReason")) && id.equals(ends.get().dataText("channelId")),
                                    "channel-ends event", "channel-ends " + id + " DELETED", es.events().stream().map(ReceivedEvent::brief).toList());
                            es.awaitClose(ctx.eventTimeout());
                            List<ReceivedEvent> all = es.events();
                            ctx.check(!all.isEmpty() && all.get(all.size() - 1).type().equals(Flows.CHANNEL_ENDS), "channel-ends is the last event",
                                    "last = channel-ends", all.stream().map(ReceivedEvent::brief).toList());
                        }),
                test("BYON-EVT-006", "Webhook delivery: POST application/cloudevents+json with the channel's bearer token")
                        .full().spec("#/paths/~1channels/post/callbacks/notification").clause("RFC 6750 2.1; CloudEvents HTTP binding 3.2")
                        .tags("events", "webhook").regs("A", 1)
                        .run(ctx -> {
                            Hooked h = webhookEndpoint(ctx, 0);
                            WebhookReceiver.Delivery d = h.hook.await(x -> true, ctx.eventTimeout())
                                    .orElseThrow(() -> failNoDelivery(ctx, h));
                            ctx.check(org.byon.conformance.http.Meaning.credentials(d.header("Authorization").orElse(null), "Bearer")
                                            .filter(h.token::equals).isPresent(), "Authorization header (scheme case-insensitive, RFC 9110 11.1)",
                                    "Bearer <notificationAuthToken>", ctx.redact(d.header("Authorization").orElse("absent")));
                            ctx.check(org.byon.conformance.http.Meaning.mediaType(d.header("Content-Type").orElse("")).equals("application/cloudevents+json"), "Content-Type",
                                    "application/cloudevents+json", d.header("Content-Type").orElse("absent"));
                            List<String> v = ctx.session().contract().validateEvent(d.json());
                            ctx.session().eventLedger().add(ctx.test().id(), "webhook " + d.json().path("type").asText(), v);
                            ctx.check(v.isEmpty(), "the delivered event is valid against byon.yaml", "no violations", v);
                            ctx.check("POST".equals(d.method()), "method", "POST", d.method());
                        }),
                test("BYON-EVT-007", "Webhook retry: after the receiver answers 500 the same event is delivered again")
                        .full().slow().spec("#/paths/~1channels/post/callbacks/notification").tags("events", "webhook", "retry").regs("A", 1)
                        .run(ctx -> {
                            Hooked h = webhookEndpoint(ctx, 1);
                            // the retry deadline runs from the failed attempt, not from the setup (the call that produces the
                            // event, on a loaded machine, can take a good part of webhookRetry: the flake of issue 12)
                            if (h.hook.await(x -> true, ctx.eventTimeout()).isEmpty()) {
                                throw failNoDelivery(ctx, h);
                            }
                            List<WebhookReceiver.Delivery> ds = h.hook.awaitN(x -> true, 2, ctx.config().timeouts().webhookRetry());
                            WebhookReceiver.Delivery first = ds.get(0);
                            ctx.check(ds.size() >= 2, "a retry after 500", "a second delivery within " + ctx.config().timeouts().webhookRetry().toSeconds() + " s",
                                    ds.size() + " delivery");
                            if (ds.size() >= 2) {
                                WebhookReceiver.Delivery second = ds.get(1);
                                ctx.check(first.json().path("id").equals(second.json().path("id")) && first.json().path("sequence").equals(second.json().path("sequence")),
                                        "the retried event keeps id and sequence", first.json().path("id") + "/" + first.json().path("sequence"),
                                        second.json().path("id") + "/" + second.json().path("sequence"));
                                ctx.timing("retry delay", Duration.between(first.at(), second.at()).toMillis());
                            }
                        }),
                test("BYON-EVT-009", "A second connection to a channel takes over; the first is closed with 4409")
                        .full().spec("#/components/schemas/WebSocketChannelData/properties/channelURL").clause("RFC 6455 7.4.2")
                        .tags("events", "websocket")
                        .run(ctx -> {
                            Exchange ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String url = ch.json().path("channelData").path("channelURL").asText();
                            EventStream first = ctx.connect("A ws 1", url, null);
                            ctx.connect("A ws 2", url, null);
                            Optional<Integer> code = first.awaitClose(ctx.eventTimeout());
                            ctx.check(code.isPresent() && code.get() == 4409, "the first connection is closed", "close code 4409",
                                    code.map(String::valueOf).orElse("still open"));
                        }),
                test("BYON-EVT-010", "A channelURL with a wrong credential is refused (close 4404 or failed handshake)")
                        .full().spec("#/components/schemas/WebSocketChannelData/properties/channelURL").clause("RFC 6455 7.4.2")
                        .tags("events", "websocket", "security")
                        .run(ctx -> {
                            Exchange ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody());
                            String url = ch.json().path("channelData").path("channelURL").asText();
                            int q = url.indexOf('?');
                            String path = q < 0 ? url : url.substring(0, q);
                            String forged = path.substring(0, path.lastIndexOf('/') + 1) + "byon-ct-forged-credential" + (q < 0 ? "" : url.substring(q));
                            EventStream es;
                            try {
                                es = EventStream.connect(ctx.session().client(), forged, null, ctx.session().contract(),
                                        ev -> ctx.evidence().frame("forged", ev), ctx.config().timeouts().http());
                            } catch (Exception refused) {
                                ctx.note("handshake refused: " + refused.getClass().getSimpleName());
                                return;
                            }
                            es.onGatewayClose(code -> ctx.evidence().close("forged", code));
                            try (es) {
                                Optional<Integer> code = es.awaitClose(ctx.eventTimeout());
                                ctx.check(code.isPresent() && code.get() == 4404, "the forged URL is closed", "close code 4404 (or a refused handshake)",
                                        code.map(String::valueOf).orElse("still open"));
                                ctx.check(es.events().isEmpty(), "no event is sent on a forged URL", "no frames", es.events().size() + " frames");
                            }
                        }),
                test("BYON-EVT-011", "A channel that expires announces channel-ends (CHANNEL_EXPIRED) and closes with 1000")
                        .full().slow().spec("#/components/schemas/ChannelTerminationReason").tags("events", "websocket", "expiry")
                        .run(ctx -> {
                            // room for a cold gateway to complete the handshake before the channel expires (else 4404, rightly)
                            java.time.Instant wish = java.time.Instant.now().plusSeconds(4);
                            Exchange ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody().put("requestedExpiresAt", wish.toString()));
                            java.time.Instant granted = java.time.Instant.parse(ch.text("expiresAt"));
                            if (granted.isAfter(wish.plusSeconds(10))) {
                                throw ctx.inconclusive("precondition: the gateway granted expiresAt " + granted + " for a wish of " + wish
                                        + " (a minimum lifetime); not waiting that long");
                            }
                            EventStream es = ctx.connect("A ws", ch.json().path("channelData").path("channelURL").asText(), null);
                            Duration wait = Duration.between(java.time.Instant.now(), granted).plus(ctx.eventTimeout());
                            Optional<ReceivedEvent> ends = es.await(e -> e.type().equals(Flows.CHANNEL_ENDS), wait.isNegative() ? ctx.eventTimeout() : wait);
                            ctx.check(ends.isPresent() && "CHANNEL_EXPIRED".equals(ends.get().dataText("terminationReason")), "channel-ends on expiry",
                                    "channel-ends CHANNEL_EXPIRED", es.events().stream().map(ReceivedEvent::brief).toList());
                            Optional<Integer> code = es.awaitClose(ctx.eventTimeout());
                            ctx.check(code.isPresent() && code.get() == 1000, "the WebSocket is closed", "close code 1000", code.map(String::valueOf).orElse("still open"));
                        }),
                test("BYON-EVT-008", "Every event received in this run was valid against byon.yaml")
                        .spec("#/components/schemas/CloudEvent").clause("CloudEvents 1.0").tags("events", "schema", "run-wide").last()
                        .describe("Runs after all other tests and lists every event (WebSocket or webhook) that violated its schema.")
                        .run(ctx -> {
                            List<Ledger.Entry> entries = ctx.session().eventLedger().entries();
                            for (Ledger.Entry e : entries.subList(0, Math.min(entries.size(), 25))) {
                                ctx.check(false, "event valid (seen in " + e.testId() + ")", "no violations", e.what() + ": " + e.violations());
                            }
                            if (entries.size() > 25) {
                                ctx.note((entries.size() - 25) + " more invalid events not listed");
                            }
                        }));
    }

    /** Places calls that end quickly until the channel has at least {@code n} events; returns them in arrival order. */
    static List<ReceivedEvent> produceEvents(TestContext ctx, Endpoint a, int n) {
        String number = Flows.quickNumber(ctx.config())
                .orElseThrow(() -> ctx.inconclusive("needs externalNumbers.notReachable, busy or declines to produce events"));
        List<ReceivedEvent> got = a.events().events();
        for (int i = 0; i < 3 && got.size() < n; i++) {
            String vs = Flows.call(ctx, a, "tel:" + number);
            Flows.terminal(ctx, a, vs, ctx.eventTimeout().plusSeconds(2));
            got = a.events().events();
        }
        if (got.size() < n) {
            throw ctx.inconclusive("precondition: only " + got.size() + " events arrived, " + n + " needed");
        }
        return got;
    }

    record Hooked(WebhookReceiver.Hook hook, String token, String channelId) {
    }

    /** A webhook channel with a registration and one short call, so that events are delivered. */
    static Hooked webhookEndpoint(TestContext ctx, int failFirst) throws Exception {
        return webhookEndpoint(ctx, failFirst, 500);
    }

    /** As {@link #webhookEndpoint(TestContext, int)}, the first deliveries answered with {@code failStatus}. */
    static Hooked webhookEndpoint(TestContext ctx, int failFirst, int failStatus) throws Exception {
        if (!ctx.config().supports("Webhook")) {
            throw ctx.notApplicable("the gateway does not declare Webhook channels (features.channelTypes)");
        }
        String token = "byon-ct-hook-" + UUID.randomUUID();
        ctx.session().redactor().addSecret(token);
        WebhookReceiver.Hook hook = ctx.webhookHook(failFirst, failStatus);
        Exchange ch = ctx.createChannelFixture(ctx.a(), ChannelTests.webhookBody(ctx, hook.url(), token));
        String channelId = ch.text("channelId");
        Exchange reg = ctx.createRacmFixture(ctx.a(), channelId);
        String number = Flows.quickNumber(ctx.config())
                .orElseThrow(() -> ctx.inconclusive("needs externalNumbers.notReachable, busy or declines to produce events"));
        Endpoint pseudo = new Endpoint("A webhook", ctx.a(), channelId, hook.url(), null, reg.text("racmSessionId"), "");
        Exchange call = Flows.place(ctx, pseudo, "tel:" + number);
        if (!call.is2xx()) {
            throw ctx.inconclusive("precondition: the call that produces webhook events failed: " + ctx.actual(call));
        }
        return new Hooked(hook, token, channelId);
    }

    private static RuntimeException failNoDelivery(TestContext ctx, Hooked h) {
        ctx.check(false, "the webhook receives the channel's events", "a POST within the deadline", "nothing delivered");
        return new org.byon.conformance.engine.Outcomes.Stop("no webhook delivery");
    }

    static List<String> ids(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("id").asText()));
        return out;
    }
}
