package org.byon.gateway.auth;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code byon.login.*}: the embedded authorization server's sign-in for browser applications (docs/gateway.md,
 * "Sign-in"). The softphone page is registered as a public client (no secret) for the authorization-code grant
 * with PKCE.
 *
 * @param clientId     the browser client's id
 * @param redirectUris where codes may be sent; a loopback IP literal ({@code 127.0.0.1}, {@code [::1]}) matches
 *                     any port (RFC 8252 section 7.3), any other host only exactly. They are also the
 *                     allowed {@code post_logout_redirect_uri}s (matched exactly, port included).
 * @param passwords    subscriber name to password (the demo subscribers' are in application.properties); a value
 *                     starting with {@code {id}} is taken as already encoded (e.g. {@code {bcrypt}...}). A
 *                     subscriber without a password cannot sign in on the login page.
 */
@ConfigurationProperties("byon.login")
public record LoginProperties(
        @DefaultValue("softphone") String clientId,
        @DefaultValue({"http://127.0.0.1:8080/softphone/index.html", "http://[::1]:8080/softphone/index.html",
                "http://localhost:8080/softphone/index.html"}) List<String> redirectUris,
        Map<String, String> passwords) {

    public LoginProperties {
        redirectUris = List.copyOf(redirectUris);
        passwords = passwords == null ? Map.of() : Map.copyOf(passwords);
    }

    /** Never the passwords (records print every component). */
    @Override
    public String toString() {
        return "LoginProperties[clientId=" + clientId + ", redirectUris=" + redirectUris + ", users="
                + passwords.keySet() + "]";
    }
}
