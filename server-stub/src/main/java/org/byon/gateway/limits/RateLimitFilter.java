package org.byon.gateway.limits;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.ClientErrorLog;
import org.byon.gateway.edge.ErrorResponses;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-subscriber quota on the API: runs after authentication, keyed by the token's subject; over the limit the
 * request is answered 429 {@code TOO_MANY_REQUESTS} with {@code Retry-After} before any work is done.
 */
public class RateLimitFilter extends OncePerRequestFilter {
    private final String apiPrefix;
    private final RateLimiter limiter;

    public RateLimitFilter(String apiPrefix, RateLimiter limiter) {
        this.apiPrefix = apiPrefix;
        this.limiter = limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || !request.getRequestURI().startsWith(apiPrefix + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken jwt) {
            long wait = limiter.acquire(jwt.getName());
            if (wait > 0) {
                tooMany(request, response, wait, "too many requests for this subscriber; retry after " + wait + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static void tooMany(HttpServletRequest request, HttpServletResponse response, long wait, String message)
            throws IOException {
        ClientErrorLog.SHARED.clientError(429, request.getMethod(), "rate limit");
        response.setHeader("Retry-After", Long.toString(wait));
        ErrorResponses.write(request, response, ErrorCode.TOO_MANY_REQUESTS, message);
    }
}
