package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

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

import com.fasterxml.jackson.databind.JsonNode;

import org.byon.gateway.auth.SecurityConfiguration;
import org.byon.gateway.web.WebConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The browser sign-in of the embedded authorization server, driven like a browser would (cookies, redirects by
 * hand): the authorization-code grant with PKCE for the public softphone client through the login page, renewal
 * through the login session, and logout that ends the session and revokes its tokens.
 */
class BrowserLoginIT extends GatewayITSupport {
    private static final String CLIENT = "softphone";
    private static final String API = WebConfiguration.API_PREFIX;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /** One browser: its cookie jar and the PKCE pair of its last authorization request. */
    private final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        final String redirectUri = "http://127.0.0.1:" + port + "/softphone/index.html";
        String verifier;

        HttpResponse<String> get(String url) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(absolute(url))).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> postForm(String url, Map<String, String> form) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(absolute(url)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The authorization request with a fresh PKCE pair; returns the response (a redirect). */
        HttpResponse<String> authorize() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("response_type", "code");
            q.put("client_id", CLIENT);
            q.put("redirect_uri", redirectUri);
            q.put("scope", "openid " + String.join(" ", SecurityConfiguration.SCOPES));
            q.put("state", "s-" + System.nanoTime());
            q.put("code_challenge", challenge(verifier));
            q.put("code_challenge_method", "S256");
            return get("/oauth2/authorize?" + encode(q));
        }

        /** Signs in on the login page after {@link #authorize()} sent the browser there; returns the code. */
        String signIn(String user, String password) {
            HttpResponse<String> toLogin = authorize();
            assertThat(toLogin.statusCode()).isEqualTo(302);
            assertThat(location(toLogin)).endsWith("/login");
            HttpResponse<String> page = get(location(toLogin));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"username\"").contains("name=\"password\"");
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
            HttpResponse<String> posted = postForm("/login",
                    Map.of("username", user, "password", password, "_csrf", csrf.group(1)));
            assertThat(posted.statusCode()).isEqualTo(302);
            HttpResponse<String> back = get(location(posted));
            return codeFrom(back);
        }

        String codeFrom(HttpResponse<String> redirect) {
            assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
            String location = location(redirect);
            assertThat(location).startsWith(redirectUri);
            return query(location).get("code");
        }

        HttpResponse<String> exchange(String code, String codeVerifier) {
            return postForm("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", redirectUri, "client_id", CLIENT, "code_verifier", codeVerifier));
        }

        /** An API request from this browser: its cookies (the login session's) go along, as a page's fetch sends them. */
        int apiGet(String path, String token) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base() + API + path)).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode tokens(String code) {
            HttpResponse<String> r = exchange(code, verifier);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return json(r.body());
        }
    }

    @Test
    void signInWithCodeAndPkceGivesASubscriberTokenTheApiTakes() throws Exception {
        Browser b = new Browser();
        JsonNode tokens = b.tokens(b.signIn("alice", "alice-password"));
        String access = tokens.get("access_token").asText();
        assertThat(tokens.has("id_token")).isTrue();
        assertThat(tokens.has("refresh_token")).as("public clients get no refresh token").isFalse();
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("phone_number").asText()).isEqualTo(NUMBERS.get("alice"));
        assertThat(claims.get("client_id").asText()).isEqualTo(CLIENT);
        assertThat(claims.get("scope").asText()).contains("byon:racm-sessions:create");

        HttpResponse<String> created = http("POST", API + "/channels", access, "{\"channelType\":\"WebSocket\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String channelId = json(created.body()).get("channelId").asText();
        assertThat(http("DELETE", API + "/channels/" + channelId, access, null).statusCode()).isEqualTo(204);
    }

    /**
     * byon.yaml: every resource belongs to the subscriber <em>and client</em> whose token created it. The softphone's
     * alice and the client-credentials client alice are one subscriber behind two clients: neither sees the other's
     * channel. Two subscribers behind the one softphone client: bob's token on alice's registration is the one 403
     * about the token's subscriber, INVALID_TOKEN_CONTEXT, and the registration stays alice's.
     */
    @Test
    void resourcesBelongToTheClientAndTheSubscriberAndAnotherSubscribersTokenOfTheClientIsInvalidContext() {
        Browser alices = new Browser();
        String aliceHere = alices.tokens(alices.signIn("alice", "alice-password")).get("access_token").asText();
        Browser bobs = new Browser();
        String bobHere = bobs.tokens(bobs.signIn("bob", "bob-password")).get("access_token").asText();

        HttpResponse<String> channel = http("POST", API + "/channels", aliceHere, "{\"channelType\":\"WebSocket\"}");
        assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
        String channelId = json(channel.body()).get("channelId").asText();
        assertError(http("GET", API + "/channels/" + channelId, token("alice"), null), 404, "NOT_FOUND");
        assertThat(http("GET", API + "/channels/" + channelId, aliceHere, null).statusCode()).isEqualTo(200);

        HttpResponse<String> racm = http("POST", API + "/racm/sessions", aliceHere,
                "{\"deviceId\":\"" + java.util.UUID.randomUUID() + "\",\"channelId\":\"" + channelId + "\"}");
        assertThat(racm.statusCode()).as(racm.body()).isEqualTo(201);
        String racmId = json(racm.body()).get("racmSessionId").asText();
        assertError(http("PUT", API + "/racm/sessions/" + racmId, bobHere, "{}"), 403, "INVALID_TOKEN_CONTEXT");
        assertError(http("PUT", API + "/racm/sessions/" + racmId, token("bob"), "{}"), 404, "NOT_FOUND");
        assertError(http("PUT", API + "/racm/sessions/" + racmId, token("alice"), "{}"), 404, "NOT_FOUND");
        HttpResponse<String> still = http("GET", API + "/racm/sessions/" + racmId, aliceHere, null);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(json(still.body()).get("phoneNumber").asText()).isEqualTo(NUMBERS.get("alice"));
        assertThat(http("DELETE", API + "/channels/" + channelId, aliceHere, null).statusCode()).isEqualTo(204);
    }

    @Test
    void theCodeNeedsItsVerifierAndIsUsedOnce() {
        Browser b = new Browser();
        String code = b.signIn("bob", "bob-password");
        HttpResponse<String> wrong = b.exchange(code, "x".repeat(43));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong.body()).get("error").asText()).isEqualTo("invalid_grant");

        String second = b.codeFrom(b.authorize());
        assertThat(b.exchange(second, b.verifier).statusCode()).isEqualTo(200);
        assertThat(b.exchange(second, b.verifier).statusCode()).as("a code is used once").isEqualTo(400);
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() {
        Browser b = new Browser();
        b.signIn("carol", "carol-password");
        Map<String, String> q = Map.of("response_type", "code", "client_id", CLIENT, "redirect_uri", b.redirectUri,
                "scope", "openid", "state", "s");
        HttpResponse<String> r = b.get("/oauth2/authorize?" + encode(q));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(query(location(r))).containsEntry("error", "invalid_request");
    }

    @Test
    void aWrongPasswordDoesNotSignIn() {
        Browser b = new Browser();
        HttpResponse<String> page = b.get(location(b.authorize()));
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> posted = b.postForm("/login",
                Map.of("username", "alice", "password", "alice-secret", "_csrf", csrf.group(1)));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(location(posted)).endsWith("/login?error");
        assertThat(location(b.authorize())).as("still not signed in").endsWith("/login");
    }

    @Test
    void theLoginSessionRenewsTokensAndLogoutRevokesThemAndEndsIt() {
        Browser b = new Browser();
        JsonNode first = b.tokens(b.signIn("alice", "alice-password"));
        // renewal: a new code-and-PKCE round that the login session answers without the login page
        HttpResponse<String> again = b.authorize();
        JsonNode renewed = b.tokens(b.codeFrom(again));
        String access1 = first.get("access_token").asText();
        String access2 = renewed.get("access_token").asText();
        assertThat(access2).isNotEqualTo(access1);
        assertThat(http("GET", API + "/channels", access1, null).statusCode()).isEqualTo(200);
        assertThat(http("GET", API + "/channels", access2, null).statusCode()).isEqualTo(200);

        // another browser of the same subscriber keeps its session and tokens
        Browser other = new Browser();
        String otherAccess = other.tokens(other.signIn("alice", "alice-password")).get("access_token").asText();

        // RP-initiated logout as the page sends it (no post_logout_redirect_uri: the page stays where it is)
        HttpResponse<String> logout = b.postForm("/connect/logout", Map.of(
                "id_token_hint", renewed.get("id_token").asText(), "client_id", CLIENT));
        assertThat(logout.statusCode()).as(logout.headers() + " " + logout.body()).isEqualTo(302);

        for (String revoked : new String[] {access1, access2}) {
            HttpResponse<String> r = http("GET", API + "/channels", revoked, null);
            assertError(r, 401, "UNAUTHENTICATED");
        }
        assertThat(location(b.authorize())).as("the login session has ended").endsWith("/login");
        assertThat(http("GET", API + "/channels", otherAccess, null).statusCode()).isEqualTo(200);
        // client credentials (tests, the suite) are untouched
        assertThat(http("GET", API + "/channels", token("alice"), null).statusCode()).isEqualTo(200);
    }

    /**
     * Two browsers of one subscriber, both signed in, one calling the API with its cookies: each one's renewed ID token
     * names its own login session, and its logout is accepted.
     */
    @Test
    void eachBrowserOfOneSubscriberLogsOutItsOwnSession() {
        Browser first = new Browser();
        first.tokens(first.signIn("bob", "bob-password"));
        Browser second = new Browser();
        String secondAccess = second.tokens(second.signIn("bob", "bob-password")).get("access_token").asText();
        // renewed after the second browser signed in (the most recent login session of bob is the second's)
        JsonNode renewed = first.tokens(first.codeFrom(first.authorize()));
        // API requests that carry the login session's cookie leave that session alone (its id is the ID token's sid)
        assertThat(first.apiGet("/channels", renewed.get("access_token").asText())).isEqualTo(200);
        HttpResponse<String> logout = first.postForm("/connect/logout", Map.of(
                "id_token_hint", renewed.get("id_token").asText(), "client_id", CLIENT));
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertError(http("GET", API + "/channels", renewed.get("access_token").asText(), null), 401, "UNAUTHENTICATED");
        assertThat(http("GET", API + "/channels", secondAccess, null).statusCode()).isEqualTo(200);
        assertThat(location(second.authorize())).as("the second browser is still signed in").startsWith(second.redirectUri);
    }

    // ------------------------------------------------------------------ helpers

    private String absolute(String url) {
        return url.startsWith("http") ? url : base() + url;
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode()));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String encode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
