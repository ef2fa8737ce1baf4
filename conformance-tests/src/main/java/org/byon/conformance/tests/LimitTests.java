package org.byon.conformance.tests;

import com.fasterxml.jackson.databind.JsonNode;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Endpoint;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Contract;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.Req;
import org.byon.openapi.ApiOperation;
import org.byon.openapi.ByonContract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.byon.conformance.engine.ConformanceTest.test;

/**
 * byon.yaml's "Limits": a header section or body just over the gateway's declared limit (431, 413), a
 * subscriber over its declared rate limit (429 TOO_MANY_REQUESTS with Retry-After), a resource cap reached
 * (429 QUOTA_EXCEEDED), a time that must lie in the future (400 OUT_OF_RANGE). The values are the gateway's
 * configuration, so each test is NOT_APPLICABLE when the suite's config does not declare its value, and a
 * gateway that accepts what the config says it refuses makes the test INCONCLUSIVE (the declaration is the
 * suite's setup), never FAIL. The tests that exhaust a subscriber's quota run last, one at a time, with the
 * subscriber the other tests use least (C, else B, else A).
 */
final class LimitTests {
    private LimitTests() {
    }

    static List<ConformanceTest> tests() {
        return List.of(
                test("BYON-ERR-007", "A header section just over the declared limit -> 431 HEADER_FIELDS_TOO_LARGE on every operation")
                        .full().spec("#/components/responses/Generic431").clause("RFC 6585 5").tags("negative", "limits")
                        .describe("Sends every operation that documents 431 with one extra header as long as features.maxHeaderBytes"
                                + " (with the token and the other headers the section is just over it). NOT_APPLICABLE without that setting.")
                        .run(LimitTests::headersTooLarge),
                test("BYON-ERR-008", "A body just over the declared limit -> 413 CONTENT_TOO_LARGE on every operation with a body")
                        .full().spec("#/components/responses/Generic413").clause("RFC 9110 15.5.14").tags("negative", "limits")
                        .describe("Sends every operation that documents 413 its sample body padded with JSON whitespace to"
                                + " features.maxBodyBytes + 1 bytes. NOT_APPLICABLE without that setting.")
                        .run(LimitTests::bodyTooLarge),
                test("BYON-ERR-009", "A subscriber over the declared rate limit -> 429 TOO_MANY_REQUESTS with Retry-After on every operation")
                        .full().last().spec("#/components/responses/Generic429").clause("RFC 6585 4; RFC 9110 10.2.3").tags("negative", "limits", "rate-limit")
                        .describe("Floods GET /channels as one subscriber (C, else B, else A) until the gateway answers 429, then, while the"
                                + " flood goes on, sends every operation that documents 429 TOO_MANY_REQUESTS: each must answer it with a"
                                + " Retry-After of 1..86400 seconds. Runs last, alone. NOT_APPLICABLE without features.rateLimit; INCONCLUSIVE"
                                + " when the flood never reaches the declared limit.")
                        .run(LimitTests::rateLimited),
                test("BYON-ERR-010", "A time that must lie in the future but does not -> 400 OUT_OF_RANGE")
                        .spec("#/components/responses/Generic400").tags("negative", "out-of-range").regs("A", 1)
                        .describe("For every operation whose 400 lists OUT_OF_RANGE: its expiry wish (requestedExpiresAt,"
                                + " registrationExpireTime) one hour in the past.")
                        .run(LimitTests::outOfRange),
                test("BYON-CHAN-011", "One channel beyond the declared cap per subscriber -> 429 QUOTA_EXCEEDED")
                        .full().last().spec("#/components/responses/Generic429").tags("channels", "limits", "quota")
                        .describe("Creates WebSocket channels as one subscriber (C, else B, else A) up to features.maxChannelsPerSubscriber,"
                                + " then one more, which must answer 429 QUOTA_EXCEEDED; deletes them all. Runs last, alone.")
                        .run(LimitTests::channelQuota),
                test("BYON-CALL-OUT-015", "One call beyond the declared cap per registration -> 429 QUOTA_EXCEEDED")
                        .full().last().spec("#/components/responses/Generic429").tags("calls", "limits", "quota").regs("A", 1)
                        .describe("Places features.maxCallsPerRegistration calls from one registration to the answering (else the"
                                + " non-answering) external number, then one more, which must answer 429 QUOTA_EXCEEDED. Runs last, alone.")
                        .run(LimitTests::callQuota));
    }

    /** The subscriber whose quota a test may exhaust: the one the other tests use least. */
    static SuiteConfig.Subscriber spare(TestContext ctx) {
        return ctx.config().c().or(() -> Optional.ofNullable(ctx.config().b())).orElse(ctx.a());
    }

    /**
     * A request to the operation with an id that does not exist (no side effect when it passes) and its sample body;
     * {@code ownConnection} for requests the gateway may answer by closing the connection (431, 413).
     */
    static Req probe(TestContext ctx, SuiteConfig.Subscriber s, ApiOperation op, boolean ownConnection) {
        String target = op.path(op.pathParameter().isPresent() ? "byon-ct-" + UUID.randomUUID() : "");
        Req r = ownConnection ? ctx.asIsolated(s, op.method(), target) : ctx.as(s, op.method(), target);
        Contract.embeddedMatrix().sampleBody(op.operationId()).ifPresent(body -> r.json(body.toString()));
        return r;
    }

    /**
     * Sends an oversized request up to 3 times, each on its own connection, while no answer arrives. A gateway that
     * answers 431/413 and closes while the suite is still writing the rest of the request can lose its answer to the
     * TCP reset that follows (RFC 9112 section 9.6 asks for a lingering close; not every server does it every
     * time): one lost answer is the transport's race, not the gateway's verdict. Three lost answers still FAIL.
     */
    static Exchange oversized(java.util.function.Supplier<Exchange> attempt) {
        Exchange ex = attempt.get();
        for (int i = 1; i < 3 && ex.status() == 0; i++) {
            ex = attempt.get();
        }
        return ex;
    }

    static void headersTooLarge(TestContext ctx) {
        int limit = ctx.config().limits().maxHeaderBytes()
                .orElseThrow(() -> ctx.notApplicable("the config declares no header limit (features.maxHeaderBytes)"));
        String pad = "a".repeat(limit);
        List<String> accepted = new ArrayList<>();
        for (ApiOperation op : ctx.session().contract().facts().operations()) {
            if (!op.codes(431).contains("HEADER_FIELDS_TOO_LARGE")) {
                continue;
            }
            Exchange ex = oversized(() -> probe(ctx, ctx.a(), op, true).header("X-Byon-Padding", pad).send());
            Created.undo(ctx, ctx.a(), op, ex);
            if (ex.status() != 431 && ex.status() / 100 != 5 && ex.status() != 0 && ex.status() != 400) {
                accepted.add(op.operationId() + " -> HTTP " + ex.status());
                continue;
            }
            ctx.expectError(ex, op.operationId() + " with a " + (limit / 1024) + " KiB header", 431, "HEADER_FIELDS_TOO_LARGE");
        }
        if (!accepted.isEmpty()) {
            throw ctx.inconclusive("suite setup, not the gateway: the gateway read a header section larger than features.maxHeaderBytes ("
                    + limit + ") declares: " + accepted + ". Fix: set features.maxHeaderBytes to the gateway's real limit");
        }
    }

    static void bodyTooLarge(TestContext ctx) {
        int limit = ctx.config().limits().maxBodyBytes()
                .orElseThrow(() -> ctx.notApplicable("the config declares no body limit (features.maxBodyBytes)"));
        List<String> accepted = new ArrayList<>();
        for (ApiOperation op : ctx.session().contract().facts().operations()) {
            if (!op.codes(413).contains("CONTENT_TOO_LARGE")) {
                continue;
            }
            String sample = Contract.embeddedMatrix().sampleBody(op.operationId()).map(JsonNode::toString).orElse("{}");
            // JSON whitespace after the value: still one valid JSON text, limit + 1 bytes in all (ASCII)
            String body = sample + " ".repeat(Math.max(0, limit + 1 - sample.length()));
            Exchange ex = oversized(() -> ctx.asIsolated(ctx.a(), op.method(), op.path(op.pathParameter().isPresent() ? "byon-ct-" + UUID.randomUUID() : ""))
                    .json(body).send());
            Created.undo(ctx, ctx.a(), op, ex);
            if (ex.status() != 413 && ex.status() / 100 != 5 && ex.status() != 0 && ex.status() != 400) {
                accepted.add(op.operationId() + " -> HTTP " + ex.status());
                continue;
            }
            ctx.expectError(ex, op.operationId() + " with a body of " + (limit + 1) + " bytes", 413, "CONTENT_TOO_LARGE");
        }
        if (!accepted.isEmpty()) {
            throw ctx.inconclusive("suite setup, not the gateway: the gateway read a body larger than features.maxBodyBytes ("
                    + limit + ") declares: " + accepted + ". Fix: set features.maxBodyBytes to the gateway's real limit");
        }
    }

    static void rateLimited(TestContext ctx) throws Exception {
        SuiteConfig.Limits limits = ctx.config().limits();
        if (limits.requestsPerSecond().isEmpty()) {
            throw ctx.notApplicable("the config declares no rate limit (features.rateLimit: requestsPerSecond and burst)");
        }
        int rate = limits.requestsPerSecond().get();
        int burst = limits.burst().orElse(rate);
        SuiteConfig.Subscriber s = spare(ctx);
        String token = ctx.token(s);
        URI list = URI.create(ctx.config().apiRoot() + "/channels");
        HttpClient client = HttpClient.newBuilder().connectTimeout(ctx.config().timeouts().http()).build();
        int threads = 6;
        int maxRequests = 2 * burst + 20 * rate;
        Duration floodFor = Duration.ofMillis(2000L * burst / rate).plusSeconds(4);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "byon-flood");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        long deadline = t0 + floodFor.toNanos();
        try {
            for (int i = 0; i < threads; i++) {
                pool.submit(() -> {
                    while (!stop.get() && sent.incrementAndGet() <= maxRequests && System.nanoTime() < deadline) {
                        try {
                            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(list).timeout(ctx.config().timeouts().http())
                                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 429) {
                                limited.incrementAndGet();
                                first.countDown();
                            }
                        } catch (Exception e) {
                            if (e instanceof InterruptedException) {
                                return;
                            }
                        }
                    }
                });
            }
            boolean reached = first.await(floodFor.toMillis(), TimeUnit.MILLISECONDS);
            long floodMs = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
            int n = Math.min(sent.get(), maxRequests);
            ctx.timing("flood until the first 429", floodMs);
            if (!reached) {
                stop.set(true);
                long achieved = 1000L * n / floodMs;
                // the bucket holds burst and refills at rate: a flood below burst + rate x time never empties it
                boolean outran = n > burst + rate * floodMs / 1000;
                throw ctx.inconclusive("no 429 after " + n + " requests of subscriber " + s.role() + " in " + floodMs + " ms (" + achieved
                        + "/s) although features.rateLimit declares " + rate + "/s with bursts of " + burst + (!outran
                        ? ": the suite could not send faster than the declared bucket refills (a loaded machine, or a slow proxy in between); rerun on a quieter one"
                        : ": suite setup, not the gateway. Fix: set features.rateLimit to the gateway's real per-subscriber limit"));
            }
            ctx.note("the gateway limited subscriber " + s.role() + " after " + n + " requests in " + floodMs + " ms");
            for (ApiOperation op : ctx.session().contract().facts().operations()) {
                if (!op.codes(429).contains("TOO_MANY_REQUESTS")) {
                    continue;
                }
                Exchange ex = null;
                for (int attempt = 0; attempt < 20; attempt++) {
                    ex = probe(ctx, s, op, false).send();
                    Created.undo(ctx, s, op, ex);
                    if (ex.status() == 429) {
                        break;
                    }
                }
                if (ctx.expectError(ex, op.operationId() + " while subscriber " + s.role() + " is over its rate limit", 429, "TOO_MANY_REQUESTS")) {
                    String retry = ex.header("Retry-After").orElse(null);
                    ctx.check(retry != null && retry.trim().matches("\\d{1,5}") && Integer.parseInt(retry.trim()) >= 1
                                    && Integer.parseInt(retry.trim()) <= 86400, op.operationId() + ": Retry-After (seconds, byon.yaml 1..86400)",
                            "an integer from 1 to 86400", retry == null ? "absent" : retry, ex);
                }
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            pool.awaitTermination(ctx.config().timeouts().http().toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        // let the bucket refill before the cleanups (bounded): the tokens come back at the declared rate
        long until = System.nanoTime() + Duration.ofMillis(2000L * burst / rate).plusSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(list).timeout(ctx.config().timeouts().http())
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 429) {
                break;
            }
            Thread.sleep(200);
        }
    }

    static void outOfRange(TestContext ctx) {
        ByonContract facts = ctx.session().contract().facts();
        Endpoint shared = ctx.sharedEndpoint(ctx.a());
        String past = Instant.now().minusSeconds(3600).toString();
        int tried = 0;
        for (ApiOperation op : facts.operations()) {
            if (!op.codes(400).contains("OUT_OF_RANGE")) {
                continue;
            }
            Req r = switch (op.operationId()) {
                case "createNotificationChannel" -> ctx.as(ctx.a(), "POST", "/channels").json(ctx.webSocketChannelBody().put("requestedExpiresAt", past));
                case "updateNotificationChannel" -> ctx.as(ctx.a(), "PUT", "/channels/" + shared.channelId()).json(ctx.obj().put("requestedExpiresAt", past));
                case "createRacmSession" -> ctx.as(ctx.a(), "POST", "/racm/sessions").json(ctx.racmBody(shared.channelId()).put("registrationExpireTime", past));
                case "updateRacmSession" -> ctx.as(ctx.a(), "PUT", "/racm/sessions/" + shared.racmSessionId()).json(ctx.obj().put("registrationExpireTime", past));
                default -> null;
            };
            if (r == null) {
                ctx.note(op.operationId() + " documents 400 OUT_OF_RANGE but the suite knows no out-of-range value for it");
                continue;
            }
            tried++;
            Exchange ex = r.send();
            Created.undo(ctx, ctx.a(), op, ex);
            ctx.expectError(ex, op.operationId() + " with an expiry wish an hour in the past (" + past + ")", 400, "OUT_OF_RANGE");
        }
        ctx.check(tried > 0, "operations documenting 400 OUT_OF_RANGE were tried", "at least one", tried);
    }

    static void channelQuota(TestContext ctx) {
        int cap = ctx.config().limits().maxChannelsPerSubscriber()
                .orElseThrow(() -> ctx.notApplicable("the config declares no channel cap (features.maxChannelsPerSubscriber)"));
        if (cap > 1000) {
            throw ctx.inconclusive("features.maxChannelsPerSubscriber " + cap + " is above byon.yaml's NotificationChannelList maxItems (1000)");
        }
        SuiteConfig.Subscriber s = spare(ctx);
        Exchange listed = ctx.as(s, "GET", "/channels").send();
        if (!listed.is2xx() || !listed.json().isArray()) {
            throw ctx.inconclusive("precondition: GET /channels of subscriber " + s.role() + " failed: " + ctx.actual(listed));
        }
        int live = listed.json().size();
        // up to the cap, 6 at a time (the order does not matter); all deleted in one parallel cleanup
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        ctx.cleanup(() -> {
            List<String> ids;
            synchronized (created) {
                ids = new ArrayList<>(created);
            }
            ids.parallelStream().forEach(id -> ctx.as(s, "DELETE", "/channels/" + id).send());
        });
        List<Exchange> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = live; i < cap; i++) {
                futures.add(pool.submit(() -> {
                    Exchange ex = createChannel(ctx, s);
                    if (ex.is2xx() && ex.text("channelId") != null) {
                        created.add(ex.text("channelId"));
                    } else {
                        refused.add(ex);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(ctx.config().timeouts().http().toMillis() * 6 + 1000, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            throw ctx.inconclusive("precondition: creating " + (cap - live) + " channels for subscriber " + s.role() + " did not finish: " + e);
        } finally {
            pool.shutdownNow();
        }
        if (!refused.isEmpty()) {
            Exchange ex = refused.get(0);
            if (ex.status() == 429 && "QUOTA_EXCEEDED".equals(ex.text("code"))) {
                throw ctx.inconclusive("suite setup, not the gateway: the gateway's cap is " + (live + created.size()) + " channels, not the "
                        + cap + " features.maxChannelsPerSubscriber declares. Fix: set it to the gateway's real cap");
            }
            throw ctx.inconclusive("precondition: " + refused.size() + " of " + (cap - live) + " channels for subscriber " + s.role()
                    + " failed: " + ctx.actual(ex));
        }
        Exchange over = createChannel(ctx, s);
        if (over.is2xx() && over.text("channelId") != null) {
            created.add(over.text("channelId"));
        }
        if (over.is2xx()) {
            throw ctx.inconclusive("suite setup, not the gateway: the gateway accepted channel " + (cap + 1) + " although"
                    + " features.maxChannelsPerSubscriber declares " + cap + ". Fix: set it to the gateway's real cap");
        }
        ctx.expectError(over, "channel " + (cap + 1) + " of subscriber " + s.role() + " (cap " + cap + ")", 429, "QUOTA_EXCEEDED");
    }

    /** POST /channels, retried after Retry-After when the subscriber's rate limit (not the cap) answers; the caller deletes what it created. */
    private static Exchange createChannel(TestContext ctx, SuiteConfig.Subscriber s) {
        Exchange ex = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            ex = ctx.as(s, "POST", "/channels").json(ctx.webSocketChannelBody()).send();
            if (ex.status() != 429 || !"TOO_MANY_REQUESTS".equals(ex.text("code"))) {
                return ex;
            }
            long wait = ex.header("Retry-After").filter(v -> v.trim().matches("\\d{1,3}")).map(v -> Long.parseLong(v.trim())).orElse(1L);
            try {
                Thread.sleep(Math.min(5, wait) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ex;
            }
        }
        return ex;
    }

    static void callQuota(TestContext ctx) {
        int cap = ctx.config().limits().maxCallsPerRegistration()
                .orElseThrow(() -> ctx.notApplicable("the config declares no call cap (features.maxCallsPerRegistration)"));
        String number = ctx.config().external("answers").or(() -> ctx.config().external("noAnswer"))
                .orElseThrow(() -> ctx.notApplicable("needs externalNumbers.answers or noAnswer: calls that stay live"));
        if (cap > 100) {
            throw ctx.inconclusive("features.maxCallsPerRegistration " + cap + " is more calls than this test places (100)");
        }
        Endpoint a = ctx.endpoint(ctx.a());
        for (int i = 0; i < cap; i++) {
            Exchange ex = Flows.place(ctx, a, "tel:" + number);
            String id = ex.text("voiceSessionId");
            if (ex.is2xx() && id != null) {
                ctx.cleanup(() -> ctx.as(ctx.a(), "DELETE", "/voice/sessions/" + id).send());
            } else if (ex.status() == 429 && "QUOTA_EXCEEDED".equals(ex.text("code"))) {
                throw ctx.inconclusive("suite setup, not the gateway: the gateway's cap is " + i + " calls per registration, not the "
                        + cap + " features.maxCallsPerRegistration declares. Fix: set it to the gateway's real cap");
            } else {
                throw ctx.inconclusive("precondition: call " + (i + 1) + " of " + cap + " failed: " + ctx.actual(ex));
            }
        }
        Exchange over = Flows.place(ctx, a, "tel:" + number);
        String id = over.text("voiceSessionId");
        if (over.is2xx() && id != null) {
            ctx.cleanup(() -> ctx.as(ctx.a(), "DELETE", "/voice/sessions/" + id).send());
            throw ctx.inconclusive("suite setup, not the gateway: the gateway accepted call " + (cap + 1) + " although"
                    + " features.maxCallsPerRegistration declares " + cap + ". Fix: set it to the gateway's real cap");
        }
        ctx.expectError(over, "call " + (cap + 1) + " from one registration (cap " + cap + ")", 429, "QUOTA_EXCEEDED");
    }
}
