package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A subscriber's three-legged token from the reference gateway's embedded IdP, as the softphone page gets it: the
 * authorization code flow with PKCE (RFC 7636) for the public client {@code softphone}, signing in on the login form.
 * Every subscriber signed in this way is served through that one client, which is what BYON-RACM-012's subscribers.D
 * needs ("another subscriber of A's client"). Test code: it reads the reference's own login form.
 */
final class SoftphoneLogin {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private SoftphoneLogin() {
    }

    static String accessToken(String origin, String user, String password) throws Exception {
        // the loopback IP literal: a redirect URI on it matches whatever port the gateway runs on (RFC 8252 7.3)
        URI o = URI.create(origin);
        String base = o.getScheme() + "://127.0.0.1:" + o.getPort();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String redirect = URI.create(base).resolve("/softphone/index.html").toString();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", "softphone");
        q.put("redirect_uri", redirect);
        q.put("scope", "openid " + String.join(" ", org.byon.openapi.ByonContract.load().scopes())); // byon.yaml's scopes
        q.put("state", "st-" + System.nanoTime());
        q.put("code_challenge", challenge);
        q.put("code_challenge_method", "S256");
        HttpResponse<String> r = get(http, base + "/oauth2/authorize?" + form(q));      // -> the login page
        r = get(http, location(base, r));
        Matcher csrf = CSRF.matcher(r.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page: " + r.statusCode());
        }
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password, "_csrf", csrf.group(1)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        r = get(http, location(base, r));                                                 // -> back to the redirect URI with the code
        String code = URI.create(location(base, r)).getRawQuery().lines().flatMap(s -> java.util.Arrays.stream(s.split("&")))
                .filter(p -> p.startsWith("code=")).map(p -> URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8))
                .findFirst().orElseThrow(() -> new IllegalStateException("no code in the redirect"));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", redirect, "client_id", "softphone", "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("token exchange: " + token.statusCode() + " " + token.body());
        }
        return new ObjectMapper().readTree(token.body()).path("access_token").asText();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(String base, HttpResponse<String> r) {
        String l = r.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("expected a redirect, got " + r.statusCode()));
        return URI.create(base).resolve(l).toString();
    }

    private static String form(Map<String, String> m) {
        return m.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
