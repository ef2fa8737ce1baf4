package org.byon.gateway.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.edge.ClientErrorLog;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of {@code /oauth2/token}: one client authentication per request (RFC 6749 section 2.3: HTTP Basic
 * and {@code client_secret} in the form together are refused with 400 {@code invalid_request}), and a quota per
 * client id (wrong secrets included, so guessing is throttled; ids that are not registered share one bucket):
 * 429 with {@code Retry-After} and an OAuth error body.
 */
public class TokenEndpointFilter extends OncePerRequestFilter {
    public static final String TOKEN_PATH = "/oauth2/token";
    private final RateLimiter limiter;
    private final Set<String> clientIds;

    public TokenEndpointFilter(RateLimiter limiter, Set<String> clientIds) {
        this.limiter = limiter;
        this.clientIds = Set.copyOf(clientIds);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(TOKEN_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String basic = basicClientId(request.getHeader("Authorization"));
        String formId = request.getParameter("client_id");
        boolean formSecret = request.getParameter("client_secret") != null;
        if (basic != null && (formSecret || request.getParameter("client_assertion") != null)) {
            oauthError(request, response, 400, "invalid_request", "use one client authentication method per request");
            return;
        }
        String id = basic != null ? basic : formId;
        String key = id != null && clientIds.contains(id) ? id : "(unregistered)";
        long wait = limiter.acquire(key);
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            oauthError(request, response, 429, "slow_down", "too many token requests for this client; retry after "
                    + wait + " s");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String basicClientId(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return java.net.URLDecoder.decode(colon < 0 ? decoded : decoded.substring(0, colon), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
    }

    private static void oauthError(HttpServletRequest request, HttpServletResponse response, int status, String error,
                                   String description) throws IOException {
        ClientErrorLog.SHARED.clientError(status, request.getMethod(), "token endpoint: " + error);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        byte[] body = ("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
