package org.byon.conformance.engine;

import org.byon.conformance.config.SuiteConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenClaimsTest {
    static final SuiteConfig.Subscriber A = new SuiteConfig.Subscriber("A", "+447700900001", Optional.of("alice"), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    static String jwt(String claims) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void scopesAreReadFromScopeOrScp() {
        assertThat(TokenClaims.scopes(jwt("{\"scope\":\"byon:a byon:b\"}"))).containsExactly("byon:a", "byon:b");
        assertThat(TokenClaims.scopes(jwt("{\"scp\":[\"byon:a\"]}"))).containsExactly("byon:a");
        assertThat(TokenClaims.scopes(jwt("{\"sub\":\"alice\"}"))).isEmpty();
        assertThat(TokenClaims.scopes("opaque-token")).isEmpty();
    }

    @Test
    void aClaimIsReadAsTextAndAbsentForOpaqueTokens() {
        assertThat(TokenClaims.claim(jwt("{\"client_id\":\"asp\"}"), "client_id")).contains("asp");
        assertThat(TokenClaims.claim(jwt("{\"client_id\":\"asp\"}"), TokenClaims.PHONE_NUMBER)).isEmpty();
        assertThat(TokenClaims.claim("opaque-token", "client_id")).isEmpty();
    }

    @Test
    void aTokenWithTheSubscribersNumberIsFine() {
        assertThat(TokenClaims.problem(jwt("{\"sub\":\"alice\",\"phone_number\":\"+447700900001\"}"), A)).isNull();
    }

    @Test
    void aTokenWithoutPhoneNumberIsTheIdpsSetupWithTheFixInWords() {
        assertThat(TokenClaims.problem(jwt("{\"sub\":\"alice\"}"), A)).contains("no phone_number claim")
                .contains("not of the gateway").contains("Fix: configure the IdP");
    }

    @Test
    void aTokenOfAnotherNumberPointsAtTheConfig() {
        assertThat(TokenClaims.problem(jwt("{\"phone_number\":\"+447700900002\"}"), A)).contains("subscribers.A.phoneNumber");
    }

    @Test
    void opaqueTokensAreNotLookedInto() {
        assertThat(TokenClaims.problem("opaque-token-0123", A)).isNull();
        assertThat(TokenClaims.problem("a.b.c", A)).isNull();
    }
}
