package org.byon.conformance.tests;

import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.ws.EventStream;
import org.byon.conformance.ws.ReceivedEvent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.byon.conformance.engine.ConformanceTest.test;

/**
 * Closing the browser ends the registration (byon.yaml, tag RACM, {@code RacmSession.disconnectGraceSeconds}):
 * the gateway declares the rule on the registration itself, so the suite needs no configuration for it.
 */
final class DisconnectGraceTests {
    private DisconnectGraceTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-RACM-010", "A registration whose WebSocket stays disconnected longer than disconnectGraceSeconds ends with CHANNEL_DISCONNECTED")
                        .full().slow().spec("#/components/schemas/RacmSession").tags("events", "racm", "expiry").regs("A", 1)
                        .describe("Registers on a connected WebSocket channel and reads disconnectGraceSeconds from the registration; closes the"
                                + " WebSocket and waits the grace period + timeouts.event; then GET of the registration must answer 404 and a"
                                + " reconnect with lastSequence=0 must replay registration-ends with CHANNEL_DISCONNECTED. NOT_APPLICABLE when"
                                + " the gateway declares no such rule (no disconnectGraceSeconds) or when the period is longer than"
                                + " timeouts.registrationExpiry.")
                        .run(DisconnectGraceTests::closedBrowser));
    }

    static void closedBrowser(TestContext ctx) {
        Endpoint a = ctx.endpoint(ctx.a());
        Exchange reg = ctx.as(ctx.a(), "GET", "/racm/sessions/" + a.racmSessionId()).send();
        if (!reg.is2xx()) {
            throw ctx.inconclusive("precondition: GET of the new registration failed: " + ctx.actual(reg));
        }
        if (!reg.json().path("disconnectGraceSeconds").canConvertToInt()) {
            throw ctx.notApplicable("the gateway declares no disconnection rule (the registration has no disconnectGraceSeconds)");
        }
        Duration grace = Duration.ofSeconds(reg.json().path("disconnectGraceSeconds").asInt());
        Duration limit = ctx.config().timeouts().registrationExpiry();
        if (grace.compareTo(limit) > 0) {
            throw ctx.notApplicable("the gateway's disconnection grace period (" + grace.toSeconds() + " s) is longer than this run waits"
                    + " (timeouts.registrationExpiry " + limit.toMillis() + " ms)");
        }
        a.events().close();
        long t0 = System.nanoTime();
        Duration wait = grace.plus(ctx.eventTimeout());
        Exchange gone;
        do {
            sleepQuietly(Duration.ofMillis(200));
            gone = ctx.as(ctx.a(), "GET", "/racm/sessions/" + a.racmSessionId()).send();
        } while (gone.status() != 404 && System.nanoTime() - t0 < wait.toNanos());
        long endedAfter = Flows.since(t0);
        ctx.check(gone.status() == 404, "the registration has ended within disconnectGraceSeconds + timeouts.event ("
                + wait.toMillis() + " ms) of the close", 404, gone.status(), gone);
        if (gone.status() == 404) {
            ctx.timing("registration ended after the close", endedAfter);
            ctx.check(endedAfter >= grace.toMillis() - 250, "the registration lived through the grace period",
                    "ended at least " + grace.toMillis() + " ms after the close", endedAfter + " ms");
        }

        EventStream again = ctx.connect("A ws again", a.channelUrl(), 0L);
        Optional<ReceivedEvent> ends = again.await(e -> e.type().equals(Flows.REG_ENDS)
                && a.racmSessionId().equals(e.dataText("racmSessionId")), ctx.eventTimeout());
        ctx.check(ends.isPresent(), "registration-ends is replayed on a reconnect", "registration-ends for " + a.racmSessionId(),
                again.events().stream().map(ReceivedEvent::brief).toList());
        ends.ifPresent(e -> ctx.check("CHANNEL_DISCONNECTED".equals(e.dataText("terminationReason")), "terminationReason",
                "CHANNEL_DISCONNECTED", e.dataText("terminationReason")));
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
