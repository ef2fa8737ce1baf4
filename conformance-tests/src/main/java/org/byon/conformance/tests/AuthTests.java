package org.byon.conformance.tests;

import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Outcomes;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.engine.Tokens;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.Contract;
import org.byon.conformance.http.Req;
import org.byon.openapi.ApiOperation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.byon.conformance.engine.ConformanceTest.test;

/** AUTH: tokens are required and checked on every operation (RFC 6749, RFC 6750). */
final class AuthTests {
    private AuthTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-AUTH-001", "A subscriber access token (client credentials grant of the test IdP, or a static token) is accepted")
                        .spec("#/components/securitySchemes/openId").clause("RFC 6749 4.4 (how the suite obtains test tokens)")
                        .tags("auth", "positive")
                        .describe("Obtains A's and B's tokens (client credentials grant or the configured static tokens) and lists channels with each: 200.")
                        .run(ctx -> {
                            for (var s : ctx.config().subscribers().values()) {
                                Exchange ex = ctx.as(s, "GET", "/channels").send();
                                ctx.expectStatus(ex, "GET /channels with " + s.role() + "'s token", 200);
                                ctx.expectConforms(ex, "GET /channels");
                            }
                        }),
                matrix("BYON-AUTH-002", "No Authorization header -> 401 UNAUTHENTICATED on every operation",
                        "RFC 6750 3.1", ctx -> Optional.of(r -> r)),
                matrix("BYON-AUTH-003", "A malformed bearer token -> 401 UNAUTHENTICATED on every operation",
                        "RFC 6750 3.1 (invalid_token)", ctx -> Optional.of(r -> r.bearer("not-a-token.byon-ct"))),
                matrix("BYON-AUTH-004", "An expired, correctly signed token -> 401 UNAUTHENTICATED on every operation",
                        "RFC 6750 3.1 (invalid_token); RFC 7519 4.1.4", ctx -> {
                            Optional<String> t;
                            try {
                                t = ctx.session().tokens().expiredToken(ctx.a());
                            } catch (Exception e) {
                                throw ctx.inconclusive("precondition: the expired token could not be fetched: " + e.getMessage());
                            }
                            if (t.isEmpty()) {
                                throw ctx.inconclusive("precondition: no expired token (set subscribers.A.expiredToken or expiredTokenUrl)");
                            }
                            return Optional.of(r -> r.bearer(t.get()));
                        }),
                matrix("BYON-AUTH-005", "A token with alg: none -> 401 UNAUTHENTICATED on every operation",
                        "RFC 8725 3.1; RFC 7515", ctx -> {
                            String t = jwt(ctx);
                            try {
                                String none = ctx.session().tokens().algNone(t);
                                return Optional.of(r -> r.bearer(none));
                            } catch (Exception e) {
                                throw ctx.inconclusive("precondition: cannot rewrite A's token: " + e);
                            }
                        }),
                matrix("BYON-AUTH-006", "A token signed with a key the gateway does not trust -> 401 UNAUTHENTICATED on every operation",
                        "RFC 7515 5.2; RFC 6750 3.1", ctx -> {
                            String t = jwt(ctx);
                            try {
                                String forged = ctx.session().tokens().wrongSignature(t);
                                return Optional.of(r -> r.bearer(forged));
                            } catch (Exception e) {
                                throw ctx.inconclusive("precondition: cannot re-sign A's token: " + e);
                            }
                        }),
                test("BYON-AUTH-008", "A token without the operation's scope -> 403 PERMISSION_DENIED on every operation")
                        .spec("#/components/securitySchemes/openId").clause("RFC 6750 3.1 (insufficient_scope)").tags("auth", "negative", "scope")
                        .describe("For each operation of byon.yaml: A's token for every scope byon.yaml names except the operation's own"
                                + " (client credentials with scope), sent with an id that need not exist and a valid body: 403 PERMISSION_DENIED,"
                                + " never the resource. NOT_APPLICABLE with static tokens; INCONCLUSIVE when the IdP refuses the narrower scope"
                                + " or issues the operation's scope anyway.")
                        .run(ctx -> {
                            List<String> all = ctx.session().contract().facts().scopes();
                            for (ApiOperation op : ctx.session().contract().facts().operations()) {
                                if (op.scopes().isEmpty()) {
                                    continue;
                                }
                                String narrower = all.stream().filter(sc -> !op.scopes().contains(sc)).collect(java.util.stream.Collectors.joining(" "));
                                String token;
                                try {
                                    token = ctx.session().tokens().tokenWithScope(ctx.a(), narrower)
                                            .orElseThrow(() -> ctx.notApplicable("the config gives static tokens only: the suite cannot ask for a token without "
                                                    + op.scopes() + " (configure auth.tokenUrl and the subscriber's clientId/clientSecret)"));
                                } catch (Outcomes.EnvironmentFailure e) {
                                    throw ctx.inconclusive("suite setup, not the gateway: the token endpoint refused a token for the narrower scope '"
                                            + narrower + "' (" + e.getMessage() + "); let the test client ask for a subset of its scopes");
                                }
                                List<String> granted = org.byon.conformance.engine.TokenClaims.scopes(token);
                                if (granted.stream().anyMatch(op.scopes()::contains)) {
                                    throw ctx.inconclusive("suite setup, not the gateway: the IdP issued " + op.scopes() + " although the suite asked for '"
                                            + narrower + "' only");
                                }
                                Req r = ctx.req(op.method(), op.path("byon-ct-unknown-id")).bearer(token);
                                Contract.embeddedMatrix().sampleBody(op.operationId()).ifPresent(body -> r.json(body.toString()));
                                ctx.expectError(r.send(), op.operationId() + " without " + op.scopes(), 403, "PERMISSION_DENIED");
                            }
                        }),
                test("BYON-AUTH-009", "A two-legged token (it names no subscriber) creates nothing and reaches nothing")
                        .spec("#/info/description").clause("CAMARA Security and Interoperability Profile (three-legged tokens); OpenID Connect Core 5.1")
                        .tags("auth", "negative")
                        .describe("Gets the API consumer's two-legged token (auth.twoLegged: client credentials without a subscriber, or a static"
                                + " token) and sends each operation of byon.yaml with it (ids that need not exist, valid bodies): never a 2xx,"
                                + " an error of the operation's documented responses; creating a channel answers 401 or 403 (the token"
                                + " cannot say whose channel it would be). NOT_APPLICABLE without auth.twoLegged; INCONCLUSIVE when the"
                                + " configured token does name a subscriber (phone_number).")
                        .run(AuthTests::twoLegged),
                test("BYON-AUTH-007", "401 responses carry WWW-Authenticate: Bearer")
                        .spec("#/components/responses/Generic401").clause("RFC 6750 3").tags("auth", "should")
                        .describe("A SHOULD here: a 401 without WWW-Authenticate is reported as WARN.")
                        .run(ctx -> {
                            Exchange ex = ctx.req("GET", "/channels").send();
                            ctx.expectStatus(ex, "GET /channels without token", 401);
                            String h = ex.header("WWW-Authenticate").orElse("");
                            if (!h.toLowerCase().startsWith("bearer")) {
                                ctx.warn("401 without 'WWW-Authenticate: Bearer ...' (RFC 6750 section 3), got '" + h + "'");
                            }
                        }));
    }

    static void twoLegged(TestContext ctx) {
        var consumer = ctx.config().auth().twoLegged().orElseThrow(() -> ctx.notApplicable(
                "no two-legged credential configured (auth.twoLegged: the clientId and clientSecret of an API consumer whose"
                        + " client-credentials token names no subscriber, or a static token)"));
        String token;
        try {
            token = ctx.session().tokens().token(consumer);
        } catch (Outcomes.EnvironmentFailure e) {
            throw ctx.inconclusive("suite setup, not the gateway: the two-legged token could not be obtained: " + e.getMessage());
        }
        if (Tokens.isJwt(token) && org.byon.conformance.engine.TokenClaims.claim(token, org.byon.conformance.engine.TokenClaims.PHONE_NUMBER).isPresent()) {
            throw ctx.inconclusive("suite setup, not the gateway: the auth.twoLegged token names a subscriber (phone_number);"
                    + " configure an API consumer's client that is not bound to a subscriber");
        }
        for (ApiOperation op : ctx.session().contract().facts().operations()) {
            if (op.scopes().isEmpty()) {
                continue;
            }
            Req r = ctx.req(op.method(), op.path("byon-ct-unknown-id")).bearer(token);
            Contract.embeddedMatrix().sampleBody(op.operationId()).ifPresent(body -> r.json(body.toString()));
            Exchange ex = r.send();
            String what = op.operationId() + " with a two-legged token";
            ctx.check(ex.status() >= 400 && ex.status() < 500, what + " is refused", "a 4xx error", ctx.actual(ex), ex);
            ctx.expectConforms(ex, what);
        }
        // a valid channel request: the only thing missing is whose channel it would be
        Exchange create = ctx.req("POST", "/channels").bearer(token).json(ctx.webSocketChannelBody().toString()).send();
        if (create.is2xx() && create.json().path("channelId").isTextual()) {
            String id = create.json().path("channelId").asText();
            ctx.cleanup(() -> ctx.req("DELETE", "/channels/" + id).bearer(token).send());
        }
        ctx.check(create.status() == 401 || create.status() == 403, "POST /channels with a two-legged token is refused for want of a subscriber",
                "401 UNAUTHENTICATED or 403 PERMISSION_DENIED", ctx.actual(create), create);
        ctx.expectConforms(create, "POST /channels with a two-legged token");
    }

    private static String jwt(TestContext ctx) {
        String t = ctx.token(ctx.a());
        if (!Tokens.isJwt(t)) {
            throw ctx.notApplicable("the gateway's access tokens are not JWTs; alg/signature tampering does not apply");
        }
        return t;
    }

    interface Credential {
        Optional<Function<Req, Req>> make(TestContext ctx) throws Exception;
    }

    private static ConformanceTest matrix(String id, String title, String clause, Credential credential) {
        return test(id, title).spec("#/components/responses/Generic401").clause(clause).tags("auth", "negative")
                .describe("Sends each operation of byon.yaml with this credential (ids that need not exist, valid bodies) and expects 401 with ErrorInfo code UNAUTHENTICATED, never the resource.")
                .run(ctx -> {
                    Function<Req, Req> apply = credential.make(ctx).orElseThrow(() -> new Outcomes.Inconclusive("no credential"));
                    for (ApiOperation op : ctx.session().contract().facts().operations()) {
                        Req r = ctx.req(op.method(), op.path("byon-ct-unknown-id"));
                        Contract.embeddedMatrix().sampleBody(op.operationId()).ifPresent(body -> r.json(body.toString()));
                        Exchange ex = apply.apply(r).send();
                        ctx.expectError(ex, op.operationId(), 401, "UNAUTHENTICATED");
                    }
                });
    }
}
