package org.byon.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The loop-based replacements decide exactly as the regular expressions they replace. */
class RequestParsingTest {
    private static final List<String> HEADERS = List.of(
            "Bearer abc", "bearer abc", "BEARER a.b-c_d~e+f/g==", "Bearer abc=", "Bearer abc=x", "Bearer  abc",
            "Bearer", "Bearer ", "Bearer =", "Bearer abc ", "Bearer a\tb", "Bearer ab\n", "Bearerabc", "Basic abc",
            "Bearer abc,def", "Bearer ä", "Token abc", "", "bearer", "BeArEr eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");

    @Test
    void bearerTokensAsTheDefaultResolver() {
        for (String header : HEADERS) {
            for (String method : List.of("GET", "POST")) {
                MockHttpServletRequest request = new MockHttpServletRequest(method, "/byon/v0.2/channels");
                request.addHeader("Authorization", header);
                request.addParameter("access_token", "fromquery");
                assertEquals(outcome(new DefaultBearerTokenResolver(), request),
                        outcome(new HeaderBearerTokenResolver(), request), header);
            }
        }
        MockHttpServletRequest noHeader = new MockHttpServletRequest("GET", "/byon/v0.2/channels");
        noHeader.addParameter("access_token", "fromquery");
        assertEquals(outcome(new DefaultBearerTokenResolver(), noHeader),
                outcome(new HeaderBearerTokenResolver(), noHeader));
    }

    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return "token " + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }

    @Test
    void headerValuesAsTheFirewallsDefault() {
        Pattern strict = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*"); // StrictHttpFirewall's default
        List<String> values = List.of("", "plain value", "Bearer abc.def", "tab\there", "nul\u0000", "del\u007f",
                "c1\u0085", "latin é", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "unassigned \u0378",
                "nbsp\u00a0", "bell\u0007", "newline\n", "cr\r", "private \uE000", "zw\u200b");
        for (String value : values) {
            assertEquals(strict.matcher(value).matches(), SecurityConfiguration.allowedHeaderValue(value), value);
        }
    }
}
