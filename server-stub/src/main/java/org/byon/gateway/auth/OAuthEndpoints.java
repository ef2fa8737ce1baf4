package org.byon.gateway.auth;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.ErrorResponses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Access tokens are self-contained JWTs and the authorization service stores none, so revocation could not be
 * honoured by the API and introspection could only say "inactive": those endpoints are not offered (404, and
 * absent from the discovery documents) rather than answering something untrue.
 */
public class OAuthEndpoints extends OncePerRequestFilter {
    static final Set<String> NOT_OFFERED = Set.of("/oauth2/revoke", "/oauth2/introspect");
    private static final Set<String> METADATA = Set.of("revocation_endpoint", "introspection_endpoint",
            "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported");

    static void withoutStoredTokenEndpoints(Map<String, Object> claims) {
        claims.keySet().removeAll(METADATA);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !NOT_OFFERED.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorResponses.write(request, response, ErrorCode.NOT_FOUND, "no such resource");
    }
}
