package org.byon.conformance.tests;

import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.ReceivedEvent;

import java.util.List;

import static org.byon.conformance.engine.ConformanceTest.test;
import static org.byon.conformance.tests.CallOutTests.B_LINE;

/** CALL-IN: calls offered to B's endpoints (forking, answer elsewhere, hold, release). No test hooks: A calls B through the API. */
final class CallInTests {
    private CallInTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-CALL-IN-001", "Forking: a call to B is offered to every registration of B with the caller's offer")
                        .spec("#/components/schemas/SessionInvitationEvent").clause("RFC 3261 16.7 (forking)")
                        .tags("call", "forking", "events").regs("A", 1).regs("B", 2).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b1 = ctx.endpoint(ctx.b());
                            Endpoint b2 = ctx.endpoint(ctx.b());
                            long t0 = System.nanoTime();
                            Flows.call(ctx, a, b1.tel());
                            for (Endpoint b : List.of(b1, b2)) {
                                ReceivedEvent inv = Flows.invitation(ctx, b, ctx.a());
                                ctx.timing("invitation at " + b.label() + " after POST", Flows.since(t0));
                                ctx.check(b.racmSessionId().equals(inv.dataText("racmSessionId")), b.label() + ": invitation names its registration",
                                        b.racmSessionId(), inv.dataText("racmSessionId"));
                                ctx.check("Initial".equals(inv.dataText("status")), b.label() + ": status", "Initial", inv.dataText("status"));
                                ctx.check(TestContext.equalsSdp(TestContext.SDP_OFFER, inv.data().path("offer").path("sdp").asText(null)),
                                        b.label() + ": offer is the caller's SDP", "A's offer", inv.data().path("offer"));
                                String recv = inv.dataText("receiverAddress");
                                ctx.check(recv != null && recv.contains(ctx.b().phoneNumber()), b.label() + ": receiverAddress", ctx.b().telUri(), recv);
                                Exchange get = ctx.as(ctx.b(), "GET", "/voice/sessions/" + inv.dataText("voiceSessionId")).send();
                                ctx.expectStatus(get, b.label() + ": GET the incoming leg", 200);
                                ctx.expectConforms(get, b.label() + ": GET the incoming leg");
                                ctx.check("Incoming".equals(get.text("direction")), b.label() + ": direction", "Incoming", get.text("direction"), get);
                            }
                        }),
                test("BYON-CALL-IN-002", "Forking: the first registration to answer takes the call; the other leg ends ANSWERED_ELSEWHERE")
                        .spec("#/components/schemas/VoiceSessionReason").clause("RFC 3261 9.1 (CANCEL, Reason: SIP;cause=200)")
                        .tags("call", "forking").regs("A", 1).regs("B", 2).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b1 = ctx.endpoint(ctx.b());
                            Endpoint b2 = ctx.endpoint(ctx.b());
                            String vs = Flows.call(ctx, a, b1.tel());
                            String leg1 = Flows.invitation(ctx, b1, ctx.a()).dataText("voiceSessionId");
                            String leg2 = Flows.invitation(ctx, b2, ctx.a()).dataText("voiceSessionId");
                            long t0 = System.nanoTime();
                            Exchange ans = Flows.putStatus(ctx, b1, leg1, "Connected", "answer", TestContext.SDP_ANSWER);
                            ctx.expectStatus(ans, "B1 answers (PUT Connected)", 200);
                            ReceivedEvent other = Flows.terminal(ctx, b2, leg2, ctx.eventTimeout());
                            ctx.timing("B2 released after answer", Flows.since(t0));
                            ctx.check("Terminated".equals(other.dataText("status")), "B2's leg ends", "Terminated", other.brief());
                            ctx.check("ANSWERED_ELSEWHERE".equals(other.dataText("reason")), "B2's reason", "ANSWERED_ELSEWHERE", other.dataText("reason"));
                            ReceivedEvent c = Flows.status(ctx, a, vs, "Connected");
                            ctx.timing("A Connected after answer", Flows.since(t0));
                            ctx.check(TestContext.equalsSdp(TestContext.SDP_ANSWER, c.data().path("answer").path("sdp").asText(null)),
                                    "A gets B1's answer", "B1's SDP", c.data().path("answer"));
                        }),
                test("BYON-CALL-IN-003", "B rings (PUT Ringing) -> 200, B's leg and channel show Ringing")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}~1status/put/responses/200").tags("call").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            Flows.call(ctx, a, b.tel());
                            String leg = Flows.invitation(ctx, b, ctx.a()).dataText("voiceSessionId");
                            Exchange r = Flows.putStatus(ctx, b, leg, "Ringing", null, null);
                            ctx.expectStatus(r, "PUT status Ringing", 200);
                            ctx.expectConforms(r, "PUT status Ringing");
                            ctx.check("Ringing".equals(r.text("status")), "response status", "Ringing", r.text("status"), r);
                            Flows.status(ctx, b, leg, "Ringing");
                        }),
                test("BYON-CALL-IN-004", "Hold and resume from the caller's side reach the callee")
                        .full().spec("#/paths/~1voice~1sessions~1{voiceSessionId}~1status/put").clause("RFC 3264 8.4 (hold)")
                        .tags("call", "hold").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            Flows.Call call = Flows.connect(ctx, a, b);
                            Exchange hold = Flows.putStatus(ctx, a, call.callerId(), "Hold", "offer", TestContext.SDP_OFFER.replace("a=sendrecv", "a=sendonly"));
                            ctx.expectStatus(hold, "PUT Hold", 200);
                            ctx.expectConforms(hold, "PUT Hold");
                            ctx.check("Hold".equals(hold.text("status")), "status after Hold", "Hold", hold.text("status"), hold);
                            ctx.check(hold.json().path("answer").has("sdp"), "Hold response carries the SDP answer", "answer.sdp", hold.json().path("answer"), hold);
                            Flows.status(ctx, b, call.calleeLegId(), "Hold");
                            Exchange resume = Flows.putStatus(ctx, a, call.callerId(), "Resume", "offer", TestContext.SDP_OFFER);
                            ctx.expectStatus(resume, "PUT Resume", 200);
                            ctx.check("Connected".equals(resume.text("status")), "status after Resume", "Connected", resume.text("status"), resume);
                            ctx.awaitEvent(b, "session-status Connected after resume", e -> e.isStatus(call.calleeLegId(), "Connected")
                                    && Flows.statuses(b, call.calleeLegId()).lastIndexOf("Hold") < Flows.statuses(b, call.calleeLegId()).lastIndexOf("Connected"));
                            Exchange get = ctx.as(ctx.a(), "GET", "/voice/sessions/" + call.callerId()).send();
                            ctx.check("Connected".equals(get.text("status")), "GET never shows Resume", "Connected", get.text("status"), get);
                        }),
                test("BYON-CALL-IN-005", "The caller hangs up: both legs end Terminated (LOCAL_HANGUP / REMOTE_HANGUP), then 404")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}/delete").clause("RFC 3261 15 (BYE)")
                        .tags("call", "release").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> release(ctx, true)),
                test("BYON-CALL-IN-006", "The callee hangs up: both legs end Terminated (LOCAL_HANGUP / REMOTE_HANGUP), then 404")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}/delete").clause("RFC 3261 15 (BYE)")
                        .tags("call", "release").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> release(ctx, false)),
                test("BYON-CALL-IN-007", "Status changes an incoming leg may not make -> 409 INCOMPATIBLE_STATE")
                        .spec("#/components/responses/UpdateVoiceSessionStatus409").tags("negative", "state-machine").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .describe("Incoming leg in Initial: PUT Hold and Resume -> 409. After answering: PUT Ringing and Declined -> 409.")
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            Flows.call(ctx, a, b.tel());
                            String leg = Flows.invitation(ctx, b, ctx.a()).dataText("voiceSessionId");
                            ctx.expectError(Flows.putStatus(ctx, b, leg, "Hold", "offer", TestContext.SDP_OFFER), "PUT Hold before answer", 409, "INCOMPATIBLE_STATE");
                            ctx.expectError(Flows.putStatus(ctx, b, leg, "Resume", "offer", TestContext.SDP_OFFER), "PUT Resume before answer", 409, "INCOMPATIBLE_STATE");
                            Flows.answer(ctx, b, leg);
                            ctx.expectError(Flows.putStatus(ctx, b, leg, "Ringing", null, null), "PUT Ringing after answer", 409, "INCOMPATIBLE_STATE");
                            ctx.expectError(Flows.putStatus(ctx, b, leg, "Declined", null, null), "PUT Declined after answer", 409, "INCOMPATIBLE_STATE");
                        }),
                test("BYON-CALL-IN-008", "One registration declines: the caller gets Declined, the other leg SessionCancelled (DECLINED)")
                        .full().spec("#/components/schemas/VoiceSessionReason").clause("RFC 3261 16.7 (603 ends the fork)")
                        .tags("call", "forking", "decline").regs("A", 1).regs("B", 2).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b1 = ctx.endpoint(ctx.b());
                            Endpoint b2 = ctx.endpoint(ctx.b());
                            String vs = Flows.call(ctx, a, b1.tel());
                            String leg1 = Flows.invitation(ctx, b1, ctx.a()).dataText("voiceSessionId");
                            String leg2 = Flows.invitation(ctx, b2, ctx.a()).dataText("voiceSessionId");
                            Exchange del = ctx.as(ctx.b(), "DELETE", "/voice/sessions/" + leg1).send();
                            ctx.expectStatus(del, "B1 declines with DELETE", 204);
                            ReceivedEvent mine = Flows.terminal(ctx, a, vs, ctx.eventTimeout());
                            ctx.check("Declined".equals(mine.dataText("status")), "caller's call ends", "Declined", mine.brief());
                            ReceivedEvent other = Flows.terminal(ctx, b2, leg2, ctx.eventTimeout());
                            ctx.check("SessionCancelled".equals(other.dataText("status")) && "DECLINED".equals(other.dataText("reason")),
                                    "B2's leg ends", "SessionCancelled/DECLINED", other.brief());
                        }),
                test("BYON-CALL-IN-009", "Answering without an answer SDP, or holding without an offer -> 400 INVALID_ARGUMENT")
                        .spec("#/components/responses/UpdateVoiceSessionStatus400").tags("negative", "sdp").regs("A", 1).regs("B", 1).lock(B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            Flows.call(ctx, a, b.tel());
                            String leg = Flows.invitation(ctx, b, ctx.a()).dataText("voiceSessionId");
                            ctx.expectError(Flows.putStatus(ctx, b, leg, "Connected", null, null), "PUT Connected without answer", 400, "INVALID_ARGUMENT");
                            Flows.answer(ctx, b, leg);
                            ctx.expectError(Flows.putStatus(ctx, b, leg, "Hold", null, null), "PUT Hold without offer", 400, "INVALID_ARGUMENT");
                        }));
    }

    private static void release(TestContext ctx, boolean callerHangsUp) {
        Endpoint a = ctx.endpoint(ctx.a());
        Endpoint b = ctx.endpoint(ctx.b());
        Flows.Call call = Flows.connect(ctx, a, b);
        Endpoint local = callerHangsUp ? a : b;
        Endpoint remote = callerHangsUp ? b : a;
        String localId = callerHangsUp ? call.callerId() : call.calleeLegId();
        String remoteId = callerHangsUp ? call.calleeLegId() : call.callerId();
        long t0 = System.nanoTime();
        Exchange del = ctx.as(local.subscriber(), "DELETE", "/voice/sessions/" + localId).send();
        ctx.expectStatus(del, local.label() + " hangs up (DELETE)", 204);
        ReceivedEvent theirs = Flows.terminal(ctx, remote, remoteId, ctx.eventTimeout());
        ctx.timing("release reaches " + remote.label(), Flows.since(t0));
        ctx.check("Terminated".equals(theirs.dataText("status")) && "REMOTE_HANGUP".equals(theirs.dataText("reason")),
                remote.label() + "'s leg ends", "Terminated/REMOTE_HANGUP", theirs.brief());
        ReceivedEvent mine = Flows.terminal(ctx, local, localId, ctx.eventTimeout());
        ctx.check("Terminated".equals(mine.dataText("status")) && "LOCAL_HANGUP".equals(mine.dataText("reason")),
                local.label() + "'s leg ends", "Terminated/LOCAL_HANGUP", mine.brief());
        Exchange get = ctx.as(remote.subscriber(), "GET", "/voice/sessions/" + remoteId).send();
        ctx.expectStatus(get, "GET " + remote.label() + "'s leg after release", 404);
    }
}
