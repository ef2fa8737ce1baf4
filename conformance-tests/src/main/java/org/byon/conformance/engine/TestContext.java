package org.byon.conformance.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.http.Curl;
import org.byon.conformance.http.Exchange;
import org.byon.conformance.http.HttpDriver;
import org.byon.conformance.http.Req;
import org.byon.conformance.ws.EventStream;
import org.byon.conformance.ws.ReceivedEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a test body works with: requests that are recorded and validated, soft checks that collect
 * failures with expected vs actual, fixtures (channels, registrations, endpoints) that are cleaned
 * up after the test, and event waits with deadlines. One per test run; used by the test's thread
 * (event callbacks may add evidence concurrently).
 */
public final class TestContext {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A complete WebRTC-style SDP offer with one audio m-line (RFC 3264). */
    public static final String SDP_OFFER = String.join("\r\n",
            "v=0", "o=- 6453168254185212107 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 54321 UDP/TLS/RTP/SAVPF 111 0", "c=IN IP4 198.51.100.23",
            "a=candidate:842163049 1 udp 2122260223 192.168.1.23 54321 typ host generation 0", "a=end-of-candidates",
            "a=ice-ufrag:Lr4b", "a=ice-pwd:7mXq2cV9kS1dWz0yR5tHn8Ue",
            "a=fingerprint:sha-256 3C:9A:61:0F:7E:52:B4:18:D2:6E:04:A9:5C:33:F1:87:0B:CE:29:46:DA:71:8F:E5:12:60:3B:9D:C4:A7:58:0E",
            "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000", "");

    /** The callee's SDP answer (a distinct origin line so a relayed answer can be recognised). */
    public static final String SDP_ANSWER = String.join("\r\n",
            "v=0", "o=- 7718349302857364219 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 61002 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 198.51.100.24",
            "a=candidate:842163050 1 udp 2122260223 192.168.1.24 61002 typ host generation 0", "a=end-of-candidates",
            "a=ice-ufrag:Pq9z", "a=ice-pwd:Jd3kL6mN9pR2sT5vW8xY1zB4",
            "a=fingerprint:sha-256 5E:21:B8:4A:97:0C:D6:3F:E2:18:7B:C5:49:A0:6D:F3:82:1E:B7:54:C9:0A:3D:68:F1:27:9E:B4:05:CA:73:D8",
            "a=setup:active", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "");

    private final Session session;
    private final ConformanceTest test;
    private final Evidence evidence = new Evidence();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private int endpointCount;

    TestContext(Session session, ConformanceTest test) {
        this.session = session;
        this.test = test;
    }

    public Session session() { return session; }
    public SuiteConfig config() { return session.config(); }
    public ConformanceTest test() { return test; }
    public Evidence evidence() { return evidence; }
    public SuiteConfig.Subscriber a() { return config().a(); }
    /** Subscriber B; a test that needs B is NOT_APPLICABLE when only A is configured. */
    public SuiteConfig.Subscriber b() {
        if (config().b() == null) {
            throw new Outcomes.NotApplicable(ONE_SUBSCRIBER);
        }
        return config().b();
    }

    public static final String ONE_SUBSCRIBER = "only one subscriber (A) is configured: incoming calls and cross-subscriber tests need subscribers.B";
    public Duration eventTimeout() { return config().timeouts().event(); }

    synchronized List<Failure> failures() { return List.copyOf(failures); }
    synchronized List<String> warnings() { return List.copyOf(warnings); }

    // ---------------------------------------------------------------- requests

    /** A request without a token (target relative to apiRoot when it starts with {@code /}). */
    public Req req(String method, String target) {
        return new Req(method, target, this::send);
    }

    /** A request with the subscriber's access token. */
    public Req as(SuiteConfig.Subscriber s, String method, String target) {
        return req(method, target).bearer(token(s));
    }

    public String token(SuiteConfig.Subscriber s) {
        try {
            return session.tokens().token(s);
        } catch (Outcomes.EnvironmentFailure e) {
            throw new Outcomes.Inconclusive("no access token for subscriber " + s.role() + ": " + e.getMessage());
        }
    }

    /**
     * A request with the subscriber's token over a connection of its own: for requests the gateway may answer by
     * closing the connection without {@code Connection: close} (a 431 from the HTTP parser), so that no pooled
     * connection of another request is left stale by it.
     */
    public Req asIsolated(SuiteConfig.Subscriber s, String method, String target) {
        HttpDriver own = session.http().withClient(java.net.http.HttpClient.newBuilder()
                .connectTimeout(config().timeouts().http()).build());
        return new Req(method, target, r -> record(own.send(r))).bearer(token(s));
    }

    private Exchange send(Req r) {
        return record(session.http().send(r));
    }

    private Exchange record(Exchange ex) {
        evidence.add(ex);
        session.httpLedger().add(test.id(), ex.summary(), ex.violations());
        return ex;
    }

    // ---------------------------------------------------------------- checks

    /** Records a failure when {@code ok} is false; returns {@code ok}. */
    public boolean check(boolean ok, String check, Object expected, Object actual) {
        return check(ok, check, expected, actual, null);
    }

    public boolean check(boolean ok, String check, Object expected, Object actual, Exchange ex) {
        evidence.check(ok, redact(ok ? check + ": " + expected : check + ": expected " + expected + ", actual " + abbreviate(String.valueOf(actual))));
        if (!ok) {
            synchronized (this) {
                failures.add(new Failure(check, String.valueOf(expected), redact(String.valueOf(actual)),
                        ex == null ? null : Curl.of(ex, session.redactor())));
            }
        }
        return ok;
    }

    /** Like {@link #check} but ends the test (FAIL) when false. */
    public void require(boolean ok, String check, Object expected, Object actual, Exchange ex) {
        if (!check(ok, check, expected, actual, ex)) {
            throw new Outcomes.Stop(check);
        }
    }

    public void warn(String message) {
        synchronized (this) {
            warnings.add(message);
        }
    }

    public void note(String message) {
        evidence.note(redact(message));
    }

    public void timing(String name, long millis) {
        evidence.timing(name, millis);
    }

    public Outcomes.Inconclusive inconclusive(String reason) {
        return new Outcomes.Inconclusive(reason);
    }

    public Outcomes.NotApplicable notApplicable(String reason) {
        return new Outcomes.NotApplicable(reason);
    }

    public String redact(String s) {
        return session.redactor().redact(s);
    }

    /** The response has one of the statuses; a response that never came is a failure too. */
    public boolean expectStatus(Exchange ex, String check, int... statuses) {
        boolean ok = Arrays.stream(statuses).anyMatch(s -> s == ex.status());
        return check(ok, check, "HTTP " + Arrays.stream(statuses).mapToObj(String::valueOf).collect(Collectors.joining(" or ")),
                actual(ex), ex);
    }

    /** The response conforms to byon.yaml (status documented, schema, headers). */
    public boolean expectConforms(Exchange ex, String check) {
        return check(ex.status() != 0 && ex.violations().isEmpty(), check + ": response conforms to byon.yaml",
                "no violations", ex.status() == 0 ? actual(ex) : String.join("; ", ex.violations()), ex);
    }

    /**
     * A documented error: the status, an ErrorInfo with this {@code code}, {@code status} matching,
     * a non-empty {@code message}, a JSON content type, never a 5xx.
     */
    public boolean expectError(Exchange ex, String check, int status, String... codes) {
        if (!expectStatus(ex, check, status)) {
            return false;
        }
        JsonNode j = ex.json();
        String code = j.path("code").asText(null);
        boolean ok = check(code != null && Arrays.asList(codes).contains(code), check + ": ErrorInfo.code",
                String.join(" or ", codes), code == null ? "no code in body " + abbreviate(ex.responseBody()) : code, ex);
        ok &= check(j.path("status").asInt(-1) == status, check + ": ErrorInfo.status", status, j.path("status"), ex);
        ok &= check(!j.path("message").asText("").isBlank(), check + ": ErrorInfo.message non-empty", "a message",
                j.path("message"), ex);
        String ct = ex.header("Content-Type").orElse("");
        ok &= check(org.byon.conformance.http.Meaning.mediaType(ct).equals("application/json"), check + ": Content-Type", "application/json", ct, ex);
        return ok;
    }

    public String actual(Exchange ex) {
        if (ex.status() == 0) {
            return "no response: " + ex.transportError().orElse("?");
        }
        return "HTTP " + ex.status() + " " + abbreviate(ex.responseBody());
    }

    public static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    // ---------------------------------------------------------------- fixtures

    /** Runs after the test body, last registered first. */
    public synchronized void cleanup(Runnable r) {
        cleanups.add(r);
    }

    synchronized List<Runnable> cleanups() {
        return new ArrayList<>(cleanups);
    }

    public ObjectNode obj() {
        return JSON.createObjectNode();
    }

    public ObjectNode webSocketChannelBody() {
        return obj().put("channelType", "WebSocket");
    }

    /** Creates a channel as a precondition: any 2xx with a channelId is accepted, anything else is INCONCLUSIVE. */
    public Exchange createChannelFixture(SuiteConfig.Subscriber s, JsonNode body) {
        Exchange ex = as(s, "POST", "/channels").json(body).send();
        if ("Webhook".equals(body.path("channelType").asText())) {
            inconclusiveIfReceiverRefused(ex);
        }
        if (!ex.is2xx() || ex.text("channelId") == null) {
            throw inconclusive("precondition: creating a " + body.path("channelType").asText() + " channel for "
                    + s.role() + " failed: " + actual(ex));
        }
        String id = ex.text("channelId");
        String url = ex.json().path("channelData").path("channelURL").asText(null);
        if (url != null) {
            session.redactor().addSecret(url);
        }
        cleanup(() -> as(s, "DELETE", "/channels/" + id).send());
        return ex;
    }

    public ObjectNode racmBody(String channelId) {
        return obj().put("deviceId", UUID.randomUUID().toString()).put("channelId", channelId);
    }

    /** Registers as a precondition (any 2xx with an id), cleaned up after the test. */
    public Exchange createRacmFixture(SuiteConfig.Subscriber s, String channelId) {
        Exchange ex = as(s, "POST", "/racm/sessions").json(racmBody(channelId)).send();
        if (!ex.is2xx() || ex.text("racmSessionId") == null) {
            throw inconclusive("precondition: registering an endpoint of " + s.role() + " failed: " + actual(ex));
        }
        String id = ex.text("racmSessionId");
        cleanup(() -> as(s, "DELETE", "/racm/sessions/" + id).send());
        return ex;
    }

    /** Opens the event stream of a WebSocket channel; events become evidence and are checked run-wide. */
    public EventStream connect(String label, String channelUrl, Long lastSequence) {
        try {
            EventStream es = EventStream.connect(session.client(), channelUrl, lastSequence, session.contract(), ev -> {
                evidence.frame(label, ev);
                session.eventLedger().add(test.id(), label + " " + ev.brief(), ev.violations());
            }, config().timeouts().http());
            es.onGatewayClose(code -> evidence.close(label, code));
            cleanup(es::close);
            return es;
        } catch (Exception e) {
            throw inconclusive("precondition: WebSocket handshake on " + label + "'s channelURL failed: " + redact(String.valueOf(e)));
        }
    }

    /** A new endpoint of the subscriber: WebSocket channel, open stream, registration. */
    public Endpoint endpoint(SuiteConfig.Subscriber s) {
        int n;
        synchronized (this) {
            n = ++endpointCount;
        }
        String label = s.role() + n;
        Exchange ch = createChannelFixture(s, webSocketChannelBody());
        String channelId = ch.text("channelId");
        String url = ch.json().path("channelData").path("channelURL").asText(null);
        if (url == null) {
            throw inconclusive("precondition: WebSocket channel of " + s.role() + " has no channelData.channelURL");
        }
        EventStream es = connect(label, url, null);
        Exchange reg = createRacmFixture(s, channelId);
        return new Endpoint(label, s, channelId, url, es, reg.text("racmSessionId"), reg.json().path("deviceId").asText());
    }

    /**
     * The run's shared endpoint of a subscriber (one registration held for the whole run, used by
     * tests that only need a valid registration id, e.g. the negative matrix). Never use it for
     * call flows whose events matter.
     */
    public Endpoint sharedEndpoint(SuiteConfig.Subscriber s) {
        synchronized (session.sharedEndpoints()) {
            Endpoint e = session.sharedEndpoints().get(s.role());
            if (e != null) {
                return e;
            }
            TestContext fixture = new TestContext(session, ConformanceTest.test("BYON-FIXTURE-000", "shared endpoint")
                    .spec("#/paths/~1racm~1sessions/post").run(c -> { }));
            Endpoint created = fixture.endpoint(s);
            Endpoint shared = new Endpoint(s.role() + "0", s, created.channelId(), created.channelUrl(), created.events(),
                    created.racmSessionId(), created.deviceId());
            session.sharedEndpoints().put(s.role(), shared);
            session.onClose(() -> { List<Runnable> cs = fixture.cleanups(); java.util.Collections.reverse(cs); cs.forEach(Runnable::run); });
            return shared;
        }
    }

    /** byon.yaml's pattern of {@code WebhookChannelData.notificationUrl} (read from the contract, not copied). */
    public static final String NOTIFICATION_URL_POINTER = "/components/schemas/WebhookChannelData/properties/notificationUrl/pattern";

    /**
     * A new hook of the suite's webhook receiver, as a precondition of a webhook test: when the receiver
     * cannot start, or its URL breaks byon.yaml's {@code notificationUrl} pattern (plain http), the test is
     * INCONCLUSIVE with the fix in words, since a conformant gateway must refuse that URL.
     */
    public org.byon.conformance.webhook.WebhookReceiver.Hook webhookHook(int failFirst) {
        return webhookHook(failFirst, 500);
    }

    /** As {@link #webhookHook(int)}, the first deliveries answered with {@code failStatus}. */
    public org.byon.conformance.webhook.WebhookReceiver.Hook webhookHook(int failFirst, int failStatus) {
        org.byon.conformance.webhook.WebhookReceiver r;
        try {
            r = session.receiver();
        } catch (Exception e) {
            throw inconclusive("precondition: the suite's webhook receiver could not start (" + redact(String.valueOf(e.getMessage()))
                    + "); fix webhook.bindAddress/port/keyStore in the config");
        }
        org.byon.conformance.webhook.WebhookReceiver.Hook hook = r.newHook(failFirst, failStatus);
        String pattern = session.contract().facts().tree().at(NOTIFICATION_URL_POINTER).asText(null);
        if (pattern != null && !java.util.regex.Pattern.compile(pattern).matcher(hook.url()).find()) {
            throw inconclusive("suite setup, not the gateway: the suite's webhook receiver URL " + r.publicBase()
                    + " does not match byon.yaml's notificationUrl pattern " + pattern + ", so a conformant gateway refuses it."
                    + " Fix: set webhook.tls: true (the receiver serves https with a generated certificate the gateway must trust)"
                    + " or webhook.publicUrl to the https URL of a tunnel or reverse proxy in front of the receiver");
        }
        return hook;
    }

    /** The gateway's SSRF guard refused the suite's own receiver: a deployment question, not a conformance failure. */
    public void inconclusiveIfReceiverRefused(Exchange ex) {
        if (ex.status() == 422 && "BYON.NOTIFICATION_URL_NOT_ALLOWED".equals(ex.text("code"))) {
            throw inconclusive("suite setup, not the gateway: the gateway's webhook URL guard refuses the suite's receiver address ("
                    + redact(String.valueOf(ex.text("message"))) + "). Fix: set webhook.publicUrl to an address the gateway may call"
                    + " (a tunnel or reverse proxy on a public address), or run the gateway with its test setting for loopback webhooks");
        }
    }

    // ---------------------------------------------------------------- events

    /** Waits for an event; on deadline records a failure listing what did arrive and ends the test. */
    public ReceivedEvent awaitEvent(Endpoint e, String what, Predicate<ReceivedEvent> match) {
        return awaitEvent(e, what, match, eventTimeout());
    }

    public ReceivedEvent awaitEvent(Endpoint e, String what, Predicate<ReceivedEvent> match, Duration timeout) {
        Optional<ReceivedEvent> ev = e.events().await(match, timeout);
        if (ev.isEmpty()) {
            check(false, e.label() + " receives " + what, what + " within " + timeout.toMillis() + " ms",
                    "events received on " + e.label() + ": " + e.events().events().stream().map(ReceivedEvent::brief).toList());
            throw new Outcomes.Stop(what);
        }
        return ev.get();
    }

    public Optional<ReceivedEvent> maybeEvent(Endpoint e, Predicate<ReceivedEvent> match, Duration timeout) {
        return e.events().await(match, timeout);
    }

    public static boolean equalsSdp(String a, String b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    private static String normalize(String sdp) {
        return sdp.replace("\r\n", "\n").strip();
    }

    public static String id(Exchange ex, String field) {
        return Objects.requireNonNullElse(ex.text(field), "");
    }
}
