package org.byon.conformance.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.conformance.config.SuiteConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A preflight look at the configured subscribers' access tokens, so that a token the IdP issued
 * for the wrong subscriber (or without the subscriber's number) is reported as the environment's
 * problem (exit 3, with the fix) instead of as FAILs of the gateway. Only JWTs are looked into;
 * an opaque token is taken as it is. The signature is not checked: that is the gateway's job.
 */
public final class TokenClaims {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenID Connect Core 1.0, 5.1: the subscriber's E.164 number. */
    public static final String PHONE_NUMBER = "phone_number";

    private TokenClaims() {
    }

    /**
     * The scopes a JWT grants ({@code scope} as a space-separated string, RFC 8693 4.2 / RFC 9068 2.2.3, or
     * {@code scp} as a list); empty for an opaque token or one without such a claim.
     */
    public static java.util.List<String> scopes(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return java.util.List.of();
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            java.util.List<String> out = new java.util.ArrayList<>();
            if (claims.path("scope").isTextual()) {
                out.addAll(java.util.Arrays.asList(claims.path("scope").asText().trim().split("\\s+")));
            }
            claims.path("scope").forEach(v -> out.add(v.asText()));
            claims.path("scp").forEach(v -> out.add(v.asText()));
            if (claims.path("scp").isTextual()) {
                out.addAll(java.util.Arrays.asList(claims.path("scp").asText().trim().split("\\s+")));
            }
            return java.util.List.copyOf(out);
        } catch (Exception e) {
            return java.util.List.of();
        }
    }

    /** A claim of a JWT as text; empty for an opaque token or when the claim is absent. */
    public static java.util.Optional<String> claim(String token, String name) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode v = claims.path(name);
            return v.isMissingNode() || v.isNull() ? java.util.Optional.empty() : java.util.Optional.of(v.asText());
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /** Null when the token is opaque or names the subscriber's number; else the problem and its fix in words. */
    public static String problem(String token, SuiteConfig.Subscriber s) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return null;
        }
        if (claims == null || !claims.isObject()) {
            return null;
        }
        JsonNode phone = claims.path(PHONE_NUMBER);
        if (!phone.isTextual()) {
            return "the access token of subscriber " + s.role() + " carries no " + PHONE_NUMBER + " claim, so the gateway cannot"
                    + " tell whose number it is: a setup problem of the token endpoint, not of the gateway. Fix: configure the"
                    + " IdP to issue " + PHONE_NUMBER + " (" + s.phoneNumber() + ") for this client, or give subscribers."
                    + s.role() + ".token a token that has it";
        }
        if (!phone.asText().equals(s.phoneNumber())) {
            return "the access token of subscriber " + s.role() + " is for " + phone.asText() + ", but the config says "
                    + s.phoneNumber() + ". Fix: subscribers." + s.role() + ".phoneNumber or the client credentials in the config";
        }
        return null;
    }
}
