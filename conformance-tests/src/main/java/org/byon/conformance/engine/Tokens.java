package org.byon.conformance.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.http.Redactor;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the test subscribers: obtained with the OAuth 2.0 client credentials grant
 * (RFC 6749 4.4) or taken from the config, cached per subscriber; and the crafted tokens of the
 * auth matrix ({@code alg: none}, a wrong signature). Every token is registered with the
 * {@link Redactor}. Thread-safe.
 */
public final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SuiteConfig config;
    private final HttpClient client;
    private final Redactor redactor;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public Tokens(SuiteConfig config, HttpClient client, Redactor redactor) {
        this.config = config;
        this.client = client;
        this.redactor = redactor;
        java.util.stream.Stream.concat(config.subscribers().values().stream(), config.auth().twoLegged().stream()).forEach(s -> {
            s.clientSecret().ifPresent(redactor::addSecret);
            s.token().ifPresent(redactor::addSecret);
            s.expiredToken().ifPresent(redactor::addSecret);
        });
    }

    /**
     * The subscriber's access token: fetched once, and again when the cached one (a JWT) expires within
     * {@link #RENEW_BEFORE}, so that a gateway with short-lived tokens never sees the suite's own stale token.
     */
    public String token(SuiteConfig.Subscriber s) throws Outcomes.EnvironmentFailure {
        String cached = cache.get(s.role());
        if (cached != null && !stale(s, cached)) {
            return cached;
        }
        synchronized (this) {
            cached = cache.get(s.role());
            if (cached != null && !stale(s, cached)) {
                return cached;
            }
            String t = s.token().isPresent() ? s.token().get() : fetch(s);
            redactor.addSecret(t);
            cache.put(s.role(), t);
            return t;
        }
    }

    /** How long before its {@code exp} a fetched token is renewed. */
    static final java.time.Duration RENEW_BEFORE = java.time.Duration.ofSeconds(3);

    /** A fetched (not static) JWT whose {@code exp} is within {@link #RENEW_BEFORE}. */
    private static boolean stale(SuiteConfig.Subscriber s, String token) {
        if (s.token().isPresent()) {
            return false;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("exp").canConvertToLong()
                    && java.time.Instant.ofEpochSecond(claims.path("exp").asLong()).isBefore(java.time.Instant.now().plus(RENEW_BEFORE));
        } catch (Exception e) {
            return false;
        }
    }

    private String fetch(SuiteConfig.Subscriber s) throws Outcomes.EnvironmentFailure {
        return fetch(s, config.auth().scope().orElse(null));
    }

    /**
     * A token of the subscriber for exactly these scopes (client credentials with {@code scope}, RFC 6749
     * 4.4.2); empty when the config gives static tokens only (no token URL or client secret). Not cached.
     */
    public Optional<String> tokenWithScope(SuiteConfig.Subscriber s, String scope) throws Outcomes.EnvironmentFailure {
        if (config.auth().tokenUrl().isEmpty() || s.clientId().isEmpty() || s.clientSecret().isEmpty()) {
            return Optional.empty();
        }
        String t = fetch(s, scope);
        redactor.addSecret(t);
        return Optional.of(t);
    }

    private String fetch(SuiteConfig.Subscriber s, String scope) throws Outcomes.EnvironmentFailure {
        URI url = config.resolve(config.auth().tokenUrl().orElseThrow());
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + enc(scope));
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(config.timeouts().http())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        String id = s.clientId().orElseThrow();
        String secret = s.clientSecret().orElseThrow();
        if (config.auth().clientAuth().equals("basic")) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8)));
        } else {
            form += "&client_id=" + enc(id) + "&client_secret=" + enc(secret);
        }
        HttpResponse<String> resp;
        try {
            resp = client.send(b.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Outcomes.EnvironmentFailure("interrupted while fetching a token");
        } catch (Exception e) {
            throw new Outcomes.EnvironmentFailure("token endpoint " + url + " is unreachable: " + e);
        }
        if (resp.statusCode() != 200) {
            throw new Outcomes.EnvironmentFailure("token endpoint " + url + " refused client '" + id + "' (subscriber "
                    + s.role() + "): HTTP " + resp.statusCode() + " " + redactor.redact(resp.body())
                    + ". A setup problem of the suite's config or the IdP, not a conformance failure of the gateway. Fix: provision"
                    + " the subscriber " + s.phoneNumber() + " with this client at the IdP, or correct subscribers." + s.role()
                    + ".clientId/clientSecret and auth.tokenUrl/clientAuth in the config");
        }
        try {
            JsonNode j = JSON.readTree(resp.body());
            String t = j.path("access_token").asText("");
            if (t.isEmpty()) {
                throw new Outcomes.EnvironmentFailure("token endpoint " + url + " answered without access_token for " + id);
            }
            return t;
        } catch (Outcomes.EnvironmentFailure e) {
            throw e;
        } catch (Exception e) {
            throw new Outcomes.EnvironmentFailure("token endpoint " + url + " answered non-JSON for " + id);
        }
    }

    /** An expired, correctly signed token of the subscriber, if the config says where to get one. */
    public Optional<String> expiredToken(SuiteConfig.Subscriber s) throws Exception {
        if (s.expiredToken().isPresent()) {
            return s.expiredToken();
        }
        if (s.expiredTokenUrl().isEmpty()) {
            return Optional.empty();
        }
        URI url = config.resolve(s.expiredTokenUrl().get());
        HttpResponse<String> resp = client.send(HttpRequest.newBuilder(url).timeout(config.timeouts().http()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("expiredTokenUrl " + url + " answered " + resp.statusCode());
        }
        String body = resp.body().trim();
        String token = body;
        if (body.startsWith("{")) {
            JsonNode j = JSON.readTree(body);
            token = j.path("access_token").asText(j.path("token").asText(""));
        } else if (body.startsWith("\"")) {
            token = JSON.readTree(body).asText();
        }
        redactor.addSecret(token);
        return Optional.of(token);
    }

    /** True when the token is a JWS compact serialization (three base64url parts). */
    public static boolean isJwt(String token) {
        return token.split("\\.", -1).length == 3 && token.startsWith("ey");
    }

    /** The same claims with header {@code {"alg":"none"}} and an empty signature. */
    public String algNone(String token) throws Exception {
        String[] parts = token.split("\\.", -1);
        ObjectNode header = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        header.put("alg", "none");
        String t = B64.encodeToString(JSON.writeValueAsBytes(header)) + "." + parts[1] + ".";
        redactor.addSecret(t);
        return t;
    }

    /** The same header and claims signed RS256 with a key the gateway does not know. */
    public String wrongSignature(String token) throws Exception {
        String[] parts = token.split("\\.", -1);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        ObjectNode header = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        header.put("alg", "RS256");
        String signingInput = B64.encodeToString(JSON.writeValueAsBytes(header)) + "." + parts[1];
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(kp.getPrivate());
        sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String t = signingInput + "." + B64.encodeToString(sig.sign());
        redactor.addSecret(t);
        return t;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public Duration timeout() {
        return config.timeouts().http();
    }
}
