package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.ReceivedEvent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.byon.conformance.engine.ConformanceTest.test;

/** CALL-OUT: calls placed by subscriber A (to B, to a third party, to external numbers). */
final class CallOutTests {
    static final String B_LINE = "B-line";

    private CallOutTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-CALL-OUT-001", "Place a call -> 201 VoiceSession, Outgoing, caller id = the registration's number")
                        .spec("#/paths/~1voice~1sessions/post/responses/201").tags("positive", "call").regs("A", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            String target = Flows.quickNumber(ctx.config()).map(n -> "tel:" + n).orElseGet(() -> ctx.b().telUri());
                            Exchange ex = Flows.place(ctx, a, target);
                            cleanupCall(ctx, a, ex);
                            ctx.expectStatus(ex, "POST /voice/sessions", 201);
                            ctx.expectConforms(ex, "POST /voice/sessions");
                            JsonNode j = ex.json();
                            ctx.check("Outgoing".equals(j.path("direction").asText()), "direction", "Outgoing", j.path("direction"), ex);
                            ctx.check(j.path("originatorAddress").asText("").contains(ctx.a().phoneNumber()), "originatorAddress is A's own number",
                                    ctx.a().telUri(), j.path("originatorAddress"), ex);
                            ctx.check(target.equals(j.path("receiverAddress").asText()), "receiverAddress", target, j.path("receiverAddress"), ex);
                            ctx.check(a.racmSessionId().equals(j.path("racmSessionId").asText()), "racmSessionId", a.racmSessionId(), j.path("racmSessionId"), ex);
                        }),
                test("BYON-CALL-OUT-002", "Read an outgoing call while it rings -> 200 VoiceSession")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}/get/responses/200").tags("positive", "call").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            String vs = Flows.call(ctx, a, b.tel());
                            Flows.invitation(ctx, b, ctx.a());
                            Exchange get = ctx.as(ctx.a(), "GET", "/voice/sessions/" + vs).send();
                            ctx.expectStatus(get, "GET /voice/sessions/{id}", 200);
                            ctx.expectConforms(get, "GET /voice/sessions/{id}");
                            ctx.check(vs.equals(get.text("voiceSessionId")), "same session", vs, get.text("voiceSessionId"), get);
                            ctx.check(List.of("Initial", "InProgress", "Ringing").contains(get.text("status")), "status before answer",
                                    "Initial, InProgress or Ringing", get.text("status"), get);
                        }),
                test("BYON-CALL-OUT-003", "A calls B: the caller sees Ringing, then Connected with B's answer SDP, in order")
                        .spec("#/components/schemas/SessionStatusData").clause("RFC 3264 6; RFC 3261 13.2.2")
                        .tags("call", "events", "order").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .describe("Records the latency of the invitation at B, of Ringing and of Connected at A.")
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            long t0 = System.nanoTime();
                            long startedAt = System.currentTimeMillis();
                            String vs = Flows.call(ctx, a, b.tel());
                            ReceivedEvent inv = Flows.invitation(ctx, b, ctx.a());
                            ctx.timing("invitation at B after POST", Flows.since(t0));
                            String leg = inv.dataText("voiceSessionId");
                            Exchange ringing = Flows.putStatus(ctx, b, leg, "Ringing", null, null);
                            if (!ringing.is2xx()) {
                                throw ctx.inconclusive("precondition: B could not PUT Ringing: " + ctx.actual(ringing));
                            }
                            // answer without waiting for A's Ringing: a gateway that holds Ringing back must not make the call time out
                            long ta = System.nanoTime();
                            Flows.answer(ctx, b, leg);
                            ReceivedEvent connected = Flows.status(ctx, a, vs, "Connected");
                            ctx.timing("Connected at A after answer", Flows.since(ta));
                            Optional<ReceivedEvent> r = Flows.statusWithin(ctx, a, vs, "Ringing", Duration.ofMillis(500));
                            r.ifPresent(ev -> ctx.timing("Ringing at A after POST", (ev.receivedAt().toEpochMilli() - startedAt)));
                            ctx.check(r.isPresent(), "A receives session-status Ringing", "Ringing", Flows.statuses(a, vs));
                            String answer = connected.data().path("answer").path("sdp").asText(null);
                            ctx.check(TestContext.equalsSdp(TestContext.SDP_ANSWER, answer), "Connected carries B's answer SDP unchanged",
                                    "the SDP B answered with", answer);
                            List<String> seen = Flows.statuses(a, vs);
                            ctx.check(inOrder(seen, List.of("Initial", "InProgress", "Ringing", "Connected")),
                                    "statuses arrive in causal order", "a subsequence of Initial, InProgress, Ringing, Connected", seen);
                            ctx.check(seen.indexOf("Ringing") >= 0 && seen.indexOf("Ringing") < seen.indexOf("Connected"),
                                    "Ringing before Connected", "Ringing, Connected", seen);
                        }),
                test("BYON-CALL-OUT-004", "Occupied user: B in a call, a third call to B ends Busy")
                        .spec("#/components/schemas/VoiceSessionStatus").clause("RFC 3261 21.4.24 (486 Busy Here)")
                        .tags("call", "busy").regs("A", 2).regs("B", 1).regs("C", 1).lock(B_LINE)
                        .describe("A calls B and B answers; then subscriber C (if configured, else a second registration of A) calls B and must end Busy with reason BUSY.")
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            Flows.connect(ctx, a, b);
                            Endpoint third = ctx.endpoint(ctx.config().c().orElse(ctx.a()));
                            long t0 = System.nanoTime();
                            String vs = Flows.call(ctx, third, b.tel());
                            ReceivedEvent end = Flows.terminal(ctx, third, vs, ctx.eventTimeout());
                            ctx.timing("Busy at the third party after POST", Flows.since(t0));
                            ctx.check("Busy".equals(end.dataText("status")), "the third call ends Busy", "Busy", end.brief());
                            ctx.check("BUSY".equals(end.dataText("reason")), "reason", "BUSY", end.dataText("reason"));
                        }),
                test("BYON-CALL-OUT-005", "B declines: the caller's call ends Declined")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}~1status/put").clause("RFC 3261 21.6.2 (603 Decline)")
                        .tags("call", "decline").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            String vs = Flows.call(ctx, a, b.tel());
                            String leg = Flows.invitation(ctx, b, ctx.a()).dataText("voiceSessionId");
                            Exchange dec = Flows.putStatus(ctx, b, leg, "Declined", null, null);
                            ctx.expectStatus(dec, "PUT status Declined", 200);
                            ctx.expectConforms(dec, "PUT status Declined");
                            ReceivedEvent end = Flows.terminal(ctx, a, vs, ctx.eventTimeout());
                            ctx.check("Declined".equals(end.dataText("status")), "the caller's call ends", "Declined", end.brief());
                            ctx.check("DECLINED".equals(end.dataText("reason")), "reason", "DECLINED", end.dataText("reason"));
                        }),
                test("BYON-CALL-OUT-006", "Cancel before answer: DELETE -> 204, caller SessionCancelled, callee leg ends, GET -> 404")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}/delete").clause("RFC 3261 9 (CANCEL)")
                        .tags("call", "cancel").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            String vs = Flows.call(ctx, a, b.tel());
                            String leg = Flows.invitation(ctx, b, ctx.a()).dataText("voiceSessionId");
                            Exchange del = ctx.as(ctx.a(), "DELETE", "/voice/sessions/" + vs).send();
                            ctx.expectStatus(del, "DELETE /voice/sessions/{id} before answer", 204);
                            ReceivedEvent mine = Flows.terminal(ctx, a, vs, ctx.eventTimeout());
                            ctx.check("SessionCancelled".equals(mine.dataText("status")), "caller's leg ends", "SessionCancelled", mine.brief());
                            ReceivedEvent theirs = Flows.terminal(ctx, b, leg, ctx.eventTimeout());
                            ctx.check("SessionCancelled".equals(theirs.dataText("status")) && "CALLER_CANCELLED".equals(theirs.dataText("reason")),
                                    "callee's leg ends", "SessionCancelled/CALLER_CANCELLED", theirs.brief());
                            Exchange get = ctx.as(ctx.a(), "GET", "/voice/sessions/" + vs).send();
                            ctx.expectError(get, "GET after the terminal state", 404, "NOT_FOUND");
                        }),
                external("BYON-CALL-OUT-007", "answers", "Connected", null, false),
                external("BYON-CALL-OUT-008", "busy", "Busy", "BUSY", false),
                external("BYON-CALL-OUT-009", "noAnswer", "NoAnswer", "NO_ANSWER", true),
                external("BYON-CALL-OUT-010", "declines", "Declined", "DECLINED", false),
                external("BYON-CALL-OUT-011", "notReachable", "NotReachable", "NOT_REACHABLE", false),
                test("BYON-CALL-OUT-012", "An offer without an m=audio line -> 400 INVALID_ARGUMENT")
                        .spec("#/components/responses/CreateVoiceSession400").clause("RFC 4566 5").tags("negative", "sdp")
                        .run(ctx -> {
                            Endpoint a = ctx.sharedEndpoint(ctx.a());
                            ObjectNode body = Flows.callBody(ctx, a, Flows.quickNumber(ctx.config()).map(n -> "tel:" + n).orElseGet(() -> ctx.b().telUri()));
                            body.putObject("offer").put("sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
                            Exchange ex = ctx.as(ctx.a(), "POST", "/voice/sessions").json(body).send();
                            cleanupCall(ctx, a, ex);
                            ctx.expectError(ex, "POST /voice/sessions with an SDP without m=audio", 400, "INVALID_ARGUMENT");
                        }),
                test("BYON-CALL-OUT-013", "The caller's own number as originatorAddress is accepted")
                        .spec("#/components/schemas/CreateVoiceSession/properties/originatorAddress").tags("positive", "call")
                        .run(ctx -> {
                            Endpoint a = ctx.sharedEndpoint(ctx.a());
                            String target = Flows.quickNumber(ctx.config()).map(n -> "tel:" + n)
                                    .orElseThrow(() -> ctx.inconclusive("needs externalNumbers.notReachable, busy or declines (a call that does not ring B)"));
                            ObjectNode body = Flows.callBody(ctx, a, target).put("originatorAddress", ctx.a().telUri());
                            Exchange ex = ctx.as(ctx.a(), "POST", "/voice/sessions").json(body).send();
                            cleanupCall(ctx, a, ex);
                            ctx.expectStatus(ex, "POST /voice/sessions with originatorAddress = own number", 201);
                        }),
                test("BYON-CALL-OUT-014", "Status changes an outgoing leg may not make -> 409 INCOMPATIBLE_STATE")
                        .spec("#/components/responses/UpdateVoiceSessionStatus409").tags("negative", "state-machine").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .describe("On a connected outgoing call: PUT Ringing, Connected (with answer), Declined and Resume (not on hold) are each refused with 409 INCOMPATIBLE_STATE.")
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            String vs = Flows.connect(ctx, a, b).callerId();
                            ctx.expectError(Flows.putStatus(ctx, a, vs, "Ringing", null, null), "outgoing leg PUT Ringing", 409, "INCOMPATIBLE_STATE");
                            ctx.expectError(Flows.putStatus(ctx, a, vs, "Connected", "answer", TestContext.SDP_ANSWER), "outgoing leg PUT Connected", 409, "INCOMPATIBLE_STATE");
                            ctx.expectError(Flows.putStatus(ctx, a, vs, "Declined", null, null), "outgoing leg PUT Declined", 409, "INCOMPATIBLE_STATE");
                            ctx.expectError(Flows.putStatus(ctx, a, vs, "Resume", "offer", TestContext.SDP_OFFER), "PUT Resume while Connected", 409, "INCOMPATIBLE_STATE");
                        }));
    }

    /** True when {@code seen} is ordered consistently with {@code order} (unknown values ignored, no step backwards). */
    static boolean inOrder(List<String> seen, List<String> order) {
        int last = -1;
        for (String s : seen) {
            int i = order.indexOf(s);
            if (i < 0) {
                continue;
            }
            if (i < last) {
                return false;
            }
            last = i;
        }
        return true;
    }

    private static ConformanceTest external(String id, String kind, String status, String reason, boolean slow) {
        ConformanceTest.Builder b = test(id, "Call the external number that " + human(kind) + " -> " + status)
                .spec("#/components/schemas/VoiceSessionStatus").tags("call", "external").regs("A", 1);
        if (slow) {
            b.full().slow().describe("Waits for the gateway's ring timeout (timeouts.ringTimeout) plus the event deadline.");
        }
        return b.run(ctx -> {
            String number = ctx.config().external(kind)
                    .orElseThrow(() -> ctx.notApplicable("no external test number for '" + kind + "' (externalNumbers." + kind + ")"));
            Endpoint a = ctx.endpoint(ctx.a());
            long t0 = System.nanoTime();
            String vs = Flows.call(ctx, a, "tel:" + number);
            Duration wait = ctx.eventTimeout().plus(slow ? ctx.config().timeouts().ringTimeout() : Duration.ofSeconds(2));
            if (reason == null) {
                ReceivedEvent c = Flows.status(ctx, a, vs, status);
                ctx.timing(status + " after POST", Flows.since(t0));
                String sdp = c.data().path("answer").path("sdp").asText("");
                ctx.check(sdp.contains("m=audio"), "Connected carries an SDP answer", "an answer with m=audio", c.data().path("answer"));
                Exchange del = ctx.as(ctx.a(), "DELETE", "/voice/sessions/" + vs).send();
                ctx.expectStatus(del, "hang up", 204);
                ReceivedEvent end = Flows.terminal(ctx, a, vs, ctx.eventTimeout());
                ctx.check("Terminated".equals(end.dataText("status")) && "LOCAL_HANGUP".equals(end.dataText("reason")),
                        "hanging up ends the leg", "Terminated/LOCAL_HANGUP", end.brief());
            } else {
                ReceivedEvent end = Flows.terminal(ctx, a, vs, wait);
                ctx.timing(status + " after POST", Flows.since(t0));
                ctx.check(status.equals(end.dataText("status")), "the call ends", status, end.brief());
                ctx.check(reason.equals(end.dataText("reason")), "reason", reason, end.dataText("reason"));
                Exchange get = ctx.as(ctx.a(), "GET", "/voice/sessions/" + vs).send();
                ctx.expectStatus(get, "GET after the terminal state", 404);
            }
        });
    }

    private static String human(String kind) {
        return switch (kind) {
            case "answers" -> "answers";
            case "busy" -> "is busy";
            case "noAnswer" -> "never answers";
            case "declines" -> "declines";
            default -> "is not reachable";
        };
    }

    static void cleanupCall(TestContext ctx, Endpoint from, Exchange ex) {
        String id = ex.text("voiceSessionId");
        if (ex.is2xx() && id != null) {
            ctx.cleanup(() -> ctx.as(from.subscriber(), "DELETE", "/voice/sessions/" + id).send());
        }
    }
}
