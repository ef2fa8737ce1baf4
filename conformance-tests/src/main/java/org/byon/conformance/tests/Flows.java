package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.ReceivedEvent;
import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Call-flow steps shared by the call tests. Steps that are preconditions end the test INCONCLUSIVE when they fail. */
final class Flows {
    // the CloudEvent types, from byon.yaml (the type whose data has this schema)
    static final String INVITATION = eventType("SessionInvitationData");
    static final String STATUS = eventType("SessionStatusData");
    static final String REG_ENDS = eventType("RegistrationEndsData");
    static final String CHANNEL_ENDS = eventType("ChannelEndsData");

    private Flows() {
    }

    private static String eventType(String dataSchema) {
        return ByonContract.load().eventTypeWithData(dataSchema).map(EventSpec::type)
                .orElseThrow(() -> new IllegalStateException("byon.yaml has no event type with data " + dataSchema));
    }

    static ObjectNode callBody(TestContext ctx, Endpoint from, String receiverTel) {
        ObjectNode b = ctx.obj().put("racmSessionId", from.racmSessionId()).put("receiverAddress", receiverTel);
        b.putObject("offer").put("sdp", TestContext.SDP_OFFER);
        return b;
    }

    /** POST /voice/sessions as a step (the response is the caller's to check). */
    static Exchange place(TestContext ctx, Endpoint from, String receiverTel) {
        return ctx.as(from.subscriber(), "POST", "/voice/sessions").json(callBody(ctx, from, receiverTel)).send();
    }

    /** Places a call as a precondition; returns the voice session id. */
    static String call(TestContext ctx, Endpoint from, String receiverTel) {
        Exchange ex = place(ctx, from, receiverTel);
        String id = ex.text("voiceSessionId");
        if (!ex.is2xx() || id == null) {
            throw ctx.inconclusive("precondition: " + from.label() + " could not place a call to " + receiverTel + ": " + ctx.actual(ex));
        }
        ctx.cleanup(() -> ctx.as(from.subscriber(), "DELETE", "/voice/sessions/" + id).send());
        return id;
    }

    static boolean invitationFrom(ReceivedEvent e, SuiteConfig.Subscriber caller) {
        String orig = e.dataText("originatorAddress");
        return e.type().equals(INVITATION) && orig != null && orig.contains(caller.phoneNumber());
    }

    /** Waits for the invitation of a call from {@code caller} on the endpoint. */
    static ReceivedEvent invitation(TestContext ctx, Endpoint to, SuiteConfig.Subscriber caller) {
        return ctx.awaitEvent(to, "session-invitation from " + caller.phoneNumber(), e -> invitationFrom(e, caller));
    }

    static ReceivedEvent status(TestContext ctx, Endpoint e, String vsId, String status) {
        return ctx.awaitEvent(e, "session-status " + status + " of " + vsId, ev -> ev.isStatus(vsId, status));
    }

    static Optional<ReceivedEvent> statusWithin(TestContext ctx, Endpoint e, String vsId, String status, Duration d) {
        return ctx.maybeEvent(e, ev -> ev.isStatus(vsId, status), d);
    }

    /** Any terminal session-status of the leg. */
    static ReceivedEvent terminal(TestContext ctx, Endpoint e, String vsId, Duration d) {
        return ctx.awaitEvent(e, "a terminal session-status of " + vsId, ev -> ev.type().equals(STATUS)
                && vsId.equals(ev.dataText("voiceSessionId")) && TERMINAL.contains(ev.dataText("status")), d);
    }

    /** byon.yaml's terminal VoiceSessionStatus values ({@code x-terminal}). */
    static final List<String> TERMINAL = org.byon.openapi.ByonContract.load().terminalVoiceStatuses();

    static Exchange putStatus(TestContext ctx, Endpoint e, String vsId, String status, String sdpField, String sdp) {
        ObjectNode b = ctx.obj().put("status", status);
        if (sdpField != null) {
            b.putObject(sdpField).put("sdp", sdp);
        }
        return ctx.as(e.subscriber(), "PUT", "/voice/sessions/" + vsId + "/status").json(b).send();
    }

    /** Answers an incoming leg as a precondition. */
    static void answer(TestContext ctx, Endpoint e, String legId) {
        Exchange ex = putStatus(ctx, e, legId, "Connected", "answer", TestContext.SDP_ANSWER);
        if (!ex.is2xx()) {
            throw ctx.inconclusive("precondition: " + e.label() + " could not answer: " + ctx.actual(ex));
        }
    }

    /** A connected call from {@code a} to {@code b}: ids of the caller's session and of b's leg. */
    record Call(String callerId, String calleeLegId, long setupMillis) {
    }

    static Call connect(TestContext ctx, Endpoint a, Endpoint b) {
        long t0 = System.nanoTime();
        String vs = call(ctx, a, b.tel());
        ReceivedEvent inv = invitation(ctx, b, a.subscriber());
        String leg = inv.dataText("voiceSessionId");
        answer(ctx, b, leg);
        if (statusWithin(ctx, a, vs, "Connected", ctx.eventTimeout()).isEmpty()) {
            throw ctx.inconclusive("precondition: the caller " + a.label() + " never reached Connected");
        }
        return new Call(vs, leg, (System.nanoTime() - t0) / 1_000_000);
    }

    /** A call from the endpoint to an external number that answers; connected. Empty when no such number is configured. */
    static Optional<String> connectedExternal(TestContext ctx, Endpoint a) {
        Optional<String> n = ctx.config().external("answers");
        if (n.isEmpty()) {
            return Optional.empty();
        }
        String vs = call(ctx, a, "tel:" + n.get());
        if (statusWithin(ctx, a, vs, "Connected", ctx.eventTimeout().plusSeconds(3)).isEmpty()) {
            throw ctx.inconclusive("precondition: the call to the answering external number " + n.get() + " never reached Connected");
        }
        return Optional.of(vs);
    }

    /** Statuses announced for one leg, in arrival order. */
    static List<String> statuses(Endpoint e, String vsId) {
        List<String> out = new ArrayList<>();
        for (ReceivedEvent ev : e.events().events()) {
            if (ev.type().equals(STATUS) && vsId.equals(ev.dataText("voiceSessionId"))) {
                out.add(ev.dataText("status"));
            }
        }
        return out;
    }

    /** A number that ends a call quickly without ringing a test subscriber, if configured. */
    static Optional<String> quickNumber(SuiteConfig c) {
        return c.external("notReachable").or(() -> c.external("busy")).or(() -> c.external("declines"));
    }

    static long since(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
