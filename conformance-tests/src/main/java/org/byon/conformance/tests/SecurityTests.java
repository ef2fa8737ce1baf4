package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;

import java.util.List;

import static org.byon.conformance.engine.ConformanceTest.test;

/** SEC: object-level authorization (BOLA) on every id-bearing operation, list isolation, caller-id spoofing. */
final class SecurityTests {
    private SecurityTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-SEC-001", "B's token on A's channel (GET before and after A reads it, PUT, DELETE) -> 404/403, never the channel")
                        .spec("#/paths/~1channels~1{channelId}/get/responses/404").clause("OWASP API1:2023 BOLA").tags("bola", "security")
                        .run(ctx -> {
                            String id = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            String path = "/channels/" + id;
                            foreign(ctx, ctx.as(ctx.b(), "GET", path).send(), id);
                            afterOwnerRead(ctx, path, id);
                            foreign(ctx, ctx.as(ctx.b(), "PUT", path).json("{}").send(), id);
                            foreign(ctx, ctx.as(ctx.b(), "DELETE", path).send(), id);
                            Exchange still = ctx.as(ctx.a(), "GET", path).send();
                            ctx.check(still.status() == 200, "A's channel survives B's DELETE", "HTTP 200 for A", ctx.actual(still), still);
                        }),
                test("BYON-SEC-002", "B's token on A's registration (GET before and after A reads it, PUT, DELETE) -> 404/403, never the registration")
                        .spec("#/paths/~1racm~1sessions~1{racmSessionId}/get/responses/404").clause("OWASP API1:2023 BOLA").tags("bola", "security").regs("A", 1)
                        .run(ctx -> {
                            String ch = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            String id = ctx.createRacmFixture(ctx.a(), ch).text("racmSessionId");
                            String path = "/racm/sessions/" + id;
                            foreign(ctx, ctx.as(ctx.b(), "GET", path).send(), id);
                            afterOwnerRead(ctx, path, id);
                            foreign(ctx, ctx.as(ctx.b(), "PUT", path).json("{}").send(), id);
                            foreign(ctx, ctx.as(ctx.b(), "DELETE", path).send(), id);
                            Exchange still = ctx.as(ctx.a(), "GET", path).send();
                            ctx.check(still.status() == 200, "A's registration survives B's DELETE", "HTTP 200 for A", ctx.actual(still), still);
                        }),
                test("BYON-SEC-003", "B's token on A's call (GET before and after A reads it, PUT status, DELETE) -> 404/403, never the call")
                        .spec("#/paths/~1voice~1sessions~1{voiceSessionId}/get/responses/404").clause("OWASP API1:2023 BOLA").tags("bola", "security")
                        .regs("A", 1).regs("B", 1).lock(CallOutTests.B_LINE)
                        .run(ctx -> {
                            Endpoint a = ctx.endpoint(ctx.a());
                            Endpoint b = ctx.endpoint(ctx.b());
                            String vs = Flows.call(ctx, a, b.tel());
                            Flows.invitation(ctx, b, ctx.a());
                            String path = "/voice/sessions/" + vs;
                            foreign(ctx, ctx.as(ctx.b(), "GET", path).send(), vs);
                            afterOwnerRead(ctx, path, vs);
                            ObjectNode hold = ctx.obj().put("status", "Hold");
                            hold.putObject("offer").put("sdp", TestContext.SDP_OFFER);
                            foreign(ctx, ctx.as(ctx.b(), "PUT", path + "/status").json(hold).send(), vs);
                            foreign(ctx, ctx.as(ctx.b(), "DELETE", path).send(), vs);
                            Exchange still = ctx.as(ctx.a(), "GET", path).send();
                            ctx.check(still.status() == 200, "A's call survives B's DELETE", "HTTP 200 for A", ctx.actual(still), still);
                        }),
                test("BYON-SEC-004", "Listing channels returns only the caller's own, also right after the owner listed")
                        .spec("#/paths/~1channels/get/responses/200").clause("OWASP API1:2023 BOLA").tags("bola", "security")
                        .run(ctx -> {
                            String id = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            // the owner lists first: a response cache that ignores the caller would hand A's list to B
                            Exchange own = ctx.as(ctx.a(), "GET", "/channels").send();
                            ctx.expectStatus(own, "A lists channels (before B)", 200);
                            boolean listed = false;
                            for (JsonNode c : own.json()) {
                                listed |= id.equals(c.path("channelId").asText());
                            }
                            ctx.check(listed, "A's new channel is in A's own list", "listed", "absent", own);
                            Exchange list = ctx.as(ctx.b(), "GET", "/channels").send();
                            ctx.expectStatus(list, "B lists channels", 200);
                            boolean leaked = false;
                            for (JsonNode c : list.json()) {
                                leaked |= id.equals(c.path("channelId").asText());
                            }
                            ctx.check(!leaked, "A's channel is not in B's list", "absent", "listed", list);
                        }),
                test("BYON-SEC-005", "Registering on another subscriber's channel -> 422 BYON.UNKNOWN_CHANNEL")
                        .spec("#/components/responses/CreateRacmSession422").clause("OWASP API1:2023 BOLA").tags("bola", "security").regs("B", 1).lock(CallOutTests.B_LINE)
                        .run(ctx -> {
                            String aChannel = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                            Exchange ex = ctx.as(ctx.b(), "POST", "/racm/sessions").json(ctx.racmBody(aChannel)).send();
                            String id = ex.text("racmSessionId");
                            if (ex.is2xx() && id != null) {
                                ctx.cleanup(() -> ctx.as(ctx.b(), "DELETE", "/racm/sessions/" + id).send());
                            }
                            ctx.expectError(ex, "B registers on A's channel", 422, "BYON.UNKNOWN_CHANNEL");
                        }),
                test("BYON-SEC-006", "Calling from another subscriber's registration -> 422 BYON.UNKNOWN_RACM_SESSION")
                        .spec("#/components/responses/CreateVoiceSession422").clause("OWASP API1:2023 BOLA").tags("bola", "security")
                        .run(ctx -> {
                            Endpoint a = ctx.sharedEndpoint(ctx.a());
                            String target = Flows.quickNumber(ctx.config()).map(n -> "tel:" + n).orElse(ctx.a().telUri());
                            ObjectNode body = Flows.callBody(ctx, a, target);
                            Exchange ex = ctx.as(ctx.b(), "POST", "/voice/sessions").json(body).send();
                            String id = ex.text("voiceSessionId");
                            if (ex.is2xx() && id != null) {
                                ctx.cleanup(() -> ctx.as(ctx.b(), "DELETE", "/voice/sessions/" + id).send());
                            }
                            ctx.expectError(ex, "B calls from A's registration", 422, "BYON.UNKNOWN_RACM_SESSION");
                        }),
                test("BYON-SEC-007", "Caller-id spoofing: another number as originatorAddress -> 403 PERMISSION_DENIED")
                        .spec("#/components/responses/CreateVoiceSession403").clause("RFC 8224 (caller identity); RFC 3325").tags("spoofing", "security")
                        .run(ctx -> {
                            Endpoint a = ctx.sharedEndpoint(ctx.a());
                            String target = Flows.quickNumber(ctx.config()).map(n -> "tel:" + n)
                                    .orElseThrow(() -> ctx.inconclusive("needs externalNumbers.notReachable, busy or declines (a call that rings nobody)"));
                            SuiteConfig.Subscriber other = ctx.config().c().orElse(ctx.config().b());
                            String spoofed = other == null ? "tel:+15550100999" : other.telUri();
                            ObjectNode body = Flows.callBody(ctx, a, target).put("originatorAddress", spoofed);
                            Exchange ex = ctx.as(ctx.a(), "POST", "/voice/sessions").json(body).send();
                            CallOutTests.cleanupCall(ctx, a, ex);
                            ctx.expectError(ex, "A calls with originatorAddress " + spoofed, 403, "PERMISSION_DENIED");
                        }));
    }

    /**
     * The owner reads the resource, then B asks again: a response cache keyed without the caller (a
     * real bug class: CDN or gateway caches) would now hand B the owner's copy.
     */
    private static void afterOwnerRead(TestContext ctx, String path, String id) {
        Exchange own = ctx.as(ctx.a(), "GET", path).send();
        ctx.expectStatus(own, "A reads its own " + path, 200);
        Exchange again = ctx.as(ctx.b(), "GET", path).send();
        ctx.note("B's GET right after A's read: " + again.status());
        foreign(ctx, again, id);
    }

    /** Another subscriber's id: 404 NOT_FOUND (or 403), and the body never shows the resource. */
    private static void foreign(TestContext ctx, Exchange ex, String id) {
        boolean refused = ex.status() == 404 || ex.status() == 403;
        ctx.check(refused, ex.method() + " " + ex.apiPath() + " with B's token", "HTTP 404 (or 403)", ctx.actual(ex), ex);
        ctx.check(!ex.is2xx() || !org.byon.conformance.http.Meaning.jsonMentions(ex.responseBody(), id),
                ex.method() + " " + ex.apiPath() + " does not disclose the resource", "no resource in the body", ctx.actual(ex), ex);
        if (ex.status() == 404) {
            ctx.expectError(ex, ex.method() + " " + ex.apiPath() + " with B's token", 404, "NOT_FOUND");
        }
    }
}
