package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.Ledger;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.Contract;
import org.byon.conformance.http.Req;
import org.byon.openapi.ApiOperation;
import org.byon.openapi.ByonContract;
import org.byon.openapi.NegativeMatrix;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.byon.conformance.engine.ConformanceTest.test;

/** ERR: headers (x-correlator, Location, content types), 404s, the negative matrix derived from byon.yaml, and run-wide response conformance. */
final class ErrorTests {
    private ErrorTests() {
    }

    /** The operations with a request body, in id order (5 ids each, from BYON-ERR-020). */
    /** The operations with a JSON request body, in byon.yaml's order (the order of the BYON-ERR-020+ slots). */
    static List<String> bodyOperations() {
        return ByonContract.load().operations().stream().filter(o -> o.requestSchema().isPresent())
                .map(ApiOperation::operationId).toList();
    }

    static List<ConformanceTest> tests() {
        List<ConformanceTest> out = new ArrayList<>(List.of(
                test("BYON-ERR-001", "x-correlator is echoed on every successful response")
                        .spec("#/components/headers/x-correlator").tags("headers", "correlator").regs("A", 1)
                        .describe("Creates, reads, updates and deletes a channel and a registration, each request with its own x-correlator; every response echoes it.")
                        .run(ctx -> {
                            List<Exchange> exs = new ArrayList<>();
                            Exchange ch = ctx.as(ctx.a(), "POST", "/channels").json(ctx.webSocketChannelBody()).send();
                            exs.add(ch);
                            String channelId = ch.text("channelId");
                            if (channelId == null) {
                                throw ctx.inconclusive("precondition: POST /channels failed: " + ctx.actual(ch));
                            }
                            exs.add(ctx.as(ctx.a(), "GET", "/channels").send());
                            exs.add(ctx.as(ctx.a(), "GET", "/channels/" + channelId).send());
                            exs.add(ctx.as(ctx.a(), "PUT", "/channels/" + channelId).json("{}").send());
                            Exchange reg = ctx.as(ctx.a(), "POST", "/racm/sessions").json(ctx.racmBody(channelId)).send();
                            exs.add(reg);
                            String racm = reg.text("racmSessionId");
                            if (racm != null) {
                                exs.add(ctx.as(ctx.a(), "GET", "/racm/sessions/" + racm).send());
                                exs.add(ctx.as(ctx.a(), "PUT", "/racm/sessions/" + racm).json("{}").send());
                                exs.add(ctx.as(ctx.a(), "DELETE", "/racm/sessions/" + racm).send());
                            }
                            exs.add(ctx.as(ctx.a(), "DELETE", "/channels/" + channelId).send());
                            for (Exchange ex : exs) {
                                expectEcho(ctx, ex);
                            }
                        }),
                test("BYON-ERR-002", "x-correlator is echoed on error responses (400, 401, 404)")
                        .spec("#/components/responses/Generic404/headers/x-correlator").tags("headers", "correlator")
                        .run(ctx -> {
                            expectEcho(ctx, ctx.req("GET", "/channels").send());
                            expectEcho(ctx, ctx.as(ctx.a(), "GET", "/channels/ch-byon-ct-unknown").send());
                            expectEcho(ctx, ctx.as(ctx.a(), "POST", "/channels").json("{\"channelType\": 7}").send());
                        }),
                test("BYON-ERR-003", "Every 201 carries Location, the absolute URL of the created resource")
                        .spec("#/components/headers/Location").clause("RFC 9110 10.2.2").tags("headers", "location").regs("A", 1)
                        .run(ctx -> {
                            Exchange ch = ctx.as(ctx.a(), "POST", "/channels").json(ctx.webSocketChannelBody()).send();
                            ChannelTests.cleanupChannel(ctx, ch);
                            String channelId = ch.text("channelId");
                            if (!ch.is2xx() || channelId == null) {
                                throw ctx.inconclusive("precondition: POST /channels failed: " + ctx.actual(ch));
                            }
                            expectLocation(ctx, ch, "/channels/" + channelId);
                            Exchange reg = ctx.as(ctx.a(), "POST", "/racm/sessions").json(ctx.racmBody(channelId)).send();
                            RacmTests.cleanupRacm(ctx, reg);
                            String racm = reg.text("racmSessionId");
                            if (!reg.is2xx() || racm == null) {
                                throw ctx.inconclusive("precondition: POST /racm/sessions failed: " + ctx.actual(reg));
                            }
                            expectLocation(ctx, reg, "/racm/sessions/" + racm);
                            Optional<String> quick = Flows.quickNumber(ctx.config());
                            if (quick.isPresent()) {
                                Endpoint a = new Endpoint("A", ctx.a(), channelId, null, null, racm, "");
                                Exchange call = Flows.place(ctx, a, "tel:" + quick.get());
                                CallOutTests.cleanupCall(ctx, a, call);
                                if (call.is2xx() && call.text("voiceSessionId") != null) {
                                    expectLocation(ctx, call, "/voice/sessions/" + call.text("voiceSessionId"));
                                }
                            } else {
                                ctx.note("no quick external number configured: Location of POST /voice/sessions is checked by the call tests' run-wide validation only");
                            }
                        }),
                test("BYON-ERR-004", "Ids that do not exist -> 404 NOT_FOUND on every id-bearing operation")
                        .spec("#/components/responses/Generic404").tags("negative", "not-found")
                        .run(ctx -> {
                            for (ApiOperation op : ctx.session().contract().facts().operations()) {
                                if (op.pathParameter().isEmpty()) {
                                    continue;
                                }
                                Req r = ctx.as(ctx.a(), op.method(), op.path("byon-ct-" + UUID.randomUUID()));
                                Contract.embeddedMatrix().sampleBody(op.operationId()).ifPresent(body -> r.json(body.toString()));
                                ctx.expectError(r.send(), op.operationId() + " with an unknown id", 404, "NOT_FOUND");
                            }
                        }),
                test("BYON-ERR-006", "A malformed path id or x-correlator -> 400 INVALID_ARGUMENT on every operation documenting it")
                        .spec("#/components/responses/InvalidArgument400").tags("negative", "invalid-argument")
                        .describe("For each operation whose 400 lists INVALID_ARGUMENT in byon.yaml: an id longer than the path parameter's"
                                + " maxLength where the path has one, else an x-correlator outside XCorrelator's pattern; the body, if any, is valid.")
                        .run(ctx -> {
                            ByonContract facts = ctx.session().contract().facts();
                            String badCorrelator = malformed(facts, "XCorrelator", "bad correlator*!");
                            for (ApiOperation op : facts.operations()) {
                                if (!op.codes(400).contains("INVALID_ARGUMENT")) {
                                    continue;
                                }
                                String id = op.pathParameter().map(p -> tooLongId(facts, op, p)).orElse(null);
                                Req r = ctx.as(ctx.a(), op.method(), op.path(id == null ? "" : id));
                                if (id == null) {
                                    r.header("x-correlator", badCorrelator);
                                }
                                Contract.embeddedMatrix().sampleBody(op.operationId()).ifPresent(body -> r.json(body.toString()));
                                Exchange ex = r.send();
                                if (ex.is2xx()) {
                                    Created.undo(ctx, ctx.a(), op, ex);
                                }
                                ctx.expectError(ex, op.operationId() + (id == null ? " with x-correlator '" + badCorrelator + "'"
                                        : " with a " + id.length() + "-character id"), 400, "INVALID_ARGUMENT");
                            }
                        }),
                test("BYON-ERR-005", "Every HTTP response in this run conformed to byon.yaml (status, schema, headers)")
                        .spec("#/paths").clause("OpenAPI 3.0.3").tags("schema", "run-wide").last()
                        .describe("Runs after all other tests and lists every response the validator (swagger-request-validator) found in violation, with the test that saw it.")
                        .run(ctx -> {
                            List<Ledger.Entry> entries = ctx.session().httpLedger().entries();
                            for (Ledger.Entry e : entries.subList(0, Math.min(entries.size(), 40))) {
                                ctx.check(false, "response conforms (seen in " + e.testId() + ")", "no violations", e.what() + ": " + e.violations());
                            }
                            if (entries.size() > 40) {
                                ctx.note((entries.size() - 40) + " more violating responses not listed");
                            }
                        })));
        // fixed id slots (operation x kind from BYON-ERR-020); a slot byon.yaml gives no case for is left out
        NegativeMatrix matrix = Contract.embeddedMatrix();
        int n = 20;
        for (String op : bodyOperations()) {
            for (NegativeMatrix.Kind kind : NegativeMatrix.Kind.values()) {
                String id = String.format("BYON-ERR-%03d", n++);
                if (!matrix.cases(op, sampleBody(op), kind).isEmpty()) {
                    out.add(negative(id, op, kind));
                }
            }
        }
        return out;
    }

    /** {@code candidate}, checked to break the pattern of the named schema (a suite defect otherwise). */
    static String malformed(ByonContract facts, String schema, String candidate) {
        String pattern = facts.schema(schema).orElseThrow(() -> new IllegalStateException("byon.yaml has no schema " + schema))
                .path("pattern").asText("");
        if (pattern.isEmpty() || java.util.regex.Pattern.compile(pattern).matcher(candidate).find()) {
            throw new IllegalStateException("suite defect: '" + candidate + "' does not break " + schema + "'s pattern " + pattern);
        }
        return candidate;
    }

    /** An id one character longer than the path parameter's {@code maxLength} in byon.yaml. */
    static String tooLongId(ByonContract facts, ApiOperation op, String param) {
        com.fasterxml.jackson.databind.JsonNode schema = null;
        for (com.fasterxml.jackson.databind.JsonNode p : facts.tree().at(op.pointer().substring(1)).path("parameters")) {
            com.fasterxml.jackson.databind.JsonNode resolved = p.has("$ref") ? facts.tree().at(p.get("$ref").asText().substring(1)) : p;
            if (param.equals(resolved.path("name").asText())) {
                schema = resolved.path("schema");
            }
        }
        if (schema == null) {
            for (com.fasterxml.jackson.databind.JsonNode p : facts.tree().at(op.pointer().substring(1, op.pointer().lastIndexOf('/'))).path("parameters")) {
                com.fasterxml.jackson.databind.JsonNode resolved = p.has("$ref") ? facts.tree().at(p.get("$ref").asText().substring(1)) : p;
                if (param.equals(resolved.path("name").asText())) {
                    schema = resolved.path("schema");
                }
            }
        }
        if (schema != null && schema.has("$ref")) {
            schema = facts.tree().at(schema.get("$ref").asText().substring(1));
        }
        int max = schema == null ? -1 : schema.path("maxLength").asInt(-1);
        if (max < 0) {
            throw new IllegalStateException("suite defect: byon.yaml gives " + op.operationId() + "'s " + param + " no maxLength");
        }
        return "a".repeat(max + 1);
    }

    private static void expectEcho(TestContext ctx, Exchange ex) {
        String sent = ex.requestHeader("x-correlator").orElse("");
        String got = ex.header("x-correlator").orElse(null);
        ctx.check(sent.equals(got), ex.method() + " " + ex.apiPath() + " (" + ex.status() + ") echoes x-correlator", sent,
                got == null ? "absent" : got, ex);
    }

    private static void expectLocation(TestContext ctx, Exchange ex, String pathSuffix) {
        String loc = ex.header("Location").orElse(null);
        boolean ok = loc != null && loc.endsWith(pathSuffix);
        try {
            ok &= loc != null && URI.create(loc).isAbsolute();
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        ctx.check(ok, ex.method() + " " + ex.apiPath() + ": Location", "an absolute URL ending in " + pathSuffix, loc == null ? "absent" : loc, ex);
    }

    private static String title(String op, NegativeMatrix.Kind kind) {
        String what = switch (kind) {
            case MISSING_REQUIRED -> "each missing required field";
            case WRONG_TYPE -> "each field of the wrong JSON type";
            case BAD_ENUM -> "each enum field with a value outside the enum";
            case BAD_FORMAT -> "each field violating its format or pattern";
            case FRAMING -> "empty body, malformed JSON, JSON array -> 400 INVALID_ARGUMENT; wrong content type -> 415"
                    + " UNSUPPORTED_MEDIA_TYPE";
        };
        return op + ": " + what + (kind == NegativeMatrix.Kind.FRAMING ? "" : " -> 400 INVALID_ARGUMENT") + ", never 5xx";
    }

    private static ConformanceTest negative(String id, String operationId, NegativeMatrix.Kind kind) {
        ApiOperation op = ByonContract.load().requireOperation(operationId);
        ConformanceTest.Builder b = test(id, title(operationId, kind)).full()
                .spec(op.pointer() + "/responses/400").tags("negative", "matrix", kind.name().toLowerCase().replace('_', '-'))
                .describe("Cases generated by walking the request schema of " + operationId + " in byon.yaml from a valid body; each case changes one thing.");
        if (operationId.equals("createRacmSession")) {
            b.regs("A", 1);
        }
        if (operationId.equals("updateVoiceSessionStatus")) {
            b.regs("A", 1);
        }
        return b.run(ctx -> {
            NegativeMatrix matrix = Contract.embeddedMatrix();
            Target t = target(ctx, operationId);
            List<NegativeMatrix.Case> cases = matrix.cases(operationId, t.validBody, kind);
            if (cases.isEmpty()) {
                throw ctx.notApplicable("byon.yaml declares nothing of this kind in the request body of " + operationId);
            }
            for (NegativeMatrix.Case c : cases) {
                Exchange ex = ctx.as(ctx.a(), op.method(), t.path).raw(c.body(), c.contentType()).send();
                if (ex.is2xx()) {
                    Created.undo(ctx, ctx.a(), op, ex);
                }
                ctx.check(ex.status() < 500, c.name() + ": never 5xx", "4xx", ctx.actual(ex), ex);
                ctx.expectError(ex, c.name(), c.expectedStatus(), c.expectedCode());
            }
        });
    }

    /** A body of the same shape as {@link #target}'s, without live ids (used to decide which slots exist). */
    static ObjectNode sampleBody(String operationId) {
        ObjectNode b = TestContext.JSON.createObjectNode();
        String t = "2030-01-01T00:00:00Z";
        switch (operationId) {
            case "createNotificationChannel" -> b.put("channelType", "WebSocket").put("requestedExpiresAt", t);
            case "updateNotificationChannel" -> b.put("requestedExpiresAt", t);
            case "createRacmSession" -> b.put("deviceId", UUID.randomUUID().toString()).put("channelId", "ch-1").put("registrationExpireTime", t);
            case "updateRacmSession" -> b.put("registrationExpireTime", t);
            case "createVoiceSession" -> {
                b.put("racmSessionId", "rs-1").put("receiverAddress", "tel:+447700900199").put("callType", "REGULAR");
                b.putObject("offer").put("sdp", TestContext.SDP_OFFER);
            }
            case "updateVoiceSessionStatus" -> {
                b.put("status", "Hold");
                b.putObject("offer").put("sdp", TestContext.SDP_OFFER);
            }
            default -> throw new IllegalArgumentException(operationId);
        }
        return b;
    }

    record Target(String path, ObjectNode validBody) {
    }

    /** The resource and a valid body each case is derived from. */
    private static Target target(TestContext ctx, String operationId) {
        switch (operationId) {
            case "createNotificationChannel":
                return new Target("/channels", ctx.webSocketChannelBody().put("requestedExpiresAt",
                        java.time.Instant.now().plusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
            case "updateNotificationChannel": {
                String id = ctx.createChannelFixture(ctx.a(), ctx.webSocketChannelBody()).text("channelId");
                return new Target("/channels/" + id, ctx.obj().put("requestedExpiresAt",
                        java.time.Instant.now().plusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
            }
            case "createRacmSession": {
                String ch = ctx.sharedEndpoint(ctx.a()).channelId();
                return new Target("/racm/sessions", ctx.racmBody(ch).put("registrationExpireTime",
                        java.time.Instant.now().plusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
            }
            case "updateRacmSession": {
                Endpoint a = ctx.sharedEndpoint(ctx.a());
                return new Target("/racm/sessions/" + a.racmSessionId(), ctx.obj().put("registrationExpireTime",
                        java.time.Instant.now().plusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
            }
            case "createVoiceSession": {
                Endpoint a = ctx.sharedEndpoint(ctx.a());
                String number = Flows.quickNumber(ctx.config())
                        .orElseThrow(() -> ctx.inconclusive("needs externalNumbers.notReachable, busy or declines (a call that rings nobody)"));
                ObjectNode body = Flows.callBody(ctx, a, "tel:" + number).put("callType", "REGULAR");
                return new Target("/voice/sessions", body);
            }
            case "updateVoiceSessionStatus": {
                Endpoint a = ctx.endpoint(ctx.a());
                String vs = Flows.connectedExternal(ctx, a)
                        .orElseThrow(() -> ctx.inconclusive("needs externalNumbers.answers for a connected call to send status changes to"));
                ObjectNode body = ctx.obj().put("status", "Hold");
                body.putObject("offer").put("sdp", TestContext.SDP_OFFER);
                return new Target("/voice/sessions/" + vs + "/status", body);
            }
            default:
                throw new IllegalArgumentException(operationId);
        }
    }
}
