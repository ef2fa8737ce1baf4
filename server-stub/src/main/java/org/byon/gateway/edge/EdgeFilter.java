package org.byon.gateway.edge;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request: refuses what no operation can accept before anything parses it (a URI with
 * path parameters or a malformed %-escape, a body declared or read past {@code byon.limits.max-body-size}), and
 * turns whatever escapes the rest of the chain into an {@code ErrorInfo}: 413 for a body over the limit, 400 for
 * input the firewall or a decoder refused, 500 (logged, rate-limited) for anything else. No exception reaches
 * the servlet container.
 */
public class EdgeFilter extends OncePerRequestFilter {
    private final long maxBodySize;
    private final ClientErrorLog log;

    public EdgeFilter(long maxBodySize, ClientErrorLog log) {
        this.maxBodySize = maxBodySize;
        this.log = log;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (!UriCheck.acceptable(uri)) {
            reject(request, response, ErrorCode.INVALID_ARGUMENT, "the request URI is not valid");
            return;
        }
        if (request.getContentLengthLong() > maxBodySize) {
            reject(request, response, ErrorCode.CONTENT_TOO_LARGE,
                    "the request body is larger than " + maxBodySize + " bytes");
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBodySize), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                return;
            }
            if (BodyTooLargeException.in(e) || formTooLarge(e)) {
                reject(request, response, ErrorCode.CONTENT_TOO_LARGE,
                        "the request body is larger than " + maxBodySize + " bytes");
            } else if (clientCaused(e)) {
                reject(request, response, ErrorCode.INVALID_ARGUMENT, ErrorMapping.message(ErrorCode.INVALID_ARGUMENT));
            } else {
                log.serverError(request.getMethod() + " request", e);
                ErrorResponses.write(request, response, ErrorCode.INTERNAL, "internal error");
            }
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
            throws IOException {
        log.clientError(code.status(), request.getMethod(), message);
        if (code == ErrorCode.CONTENT_TOO_LARGE) {
            // the body is not read: the connection closes after the answer, and says so (RFC 9112 9.6)
            response.setHeader("Connection", "close");
        }
        ErrorResponses.write(request, response, code, message);
    }

    /**
     * Exceptions that only bad input raises: the firewall's refusal, a URI or parameter that does not decode, a form
     * body Tomcat or Spring's form filter (PUT, PATCH, DELETE) cannot parse ({@code /oauth2/token}), a WebSocket upgrade whose URI or {@code Origin} does not parse.
     */
    public static boolean clientCaused(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RequestRejectedException || c instanceof IllegalArgumentException
                    && c.getMessage() != null && c.getMessage().toLowerCase(java.util.Locale.ROOT).contains("encod")
                    || c instanceof org.apache.tomcat.util.http.InvalidParameterException
                    || c instanceof org.springframework.http.converter.HttpMessageNotReadableException
                    || c instanceof java.net.URISyntaxException
                    || c instanceof org.springframework.web.socket.server.HandshakeFailureException
                    && (c.getCause() == null || c.getCause() instanceof IllegalArgumentException
                        || c.getCause() instanceof java.net.URISyntaxException)) {
                return true;
            }
        }
        return false;
    }

    /** A form body over Tomcat's {@code maxPostSize} (its parameters were not parsed). */
    private static boolean formTooLarge(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.apache.tomcat.util.http.InvalidParameterException p && p.getMessage() != null
                    && p.getMessage().contains("too big")) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
