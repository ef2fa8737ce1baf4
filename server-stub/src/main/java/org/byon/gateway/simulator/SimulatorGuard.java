package org.byon.gateway.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.ClientErrorLog;
import org.byon.gateway.edge.ErrorResponses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The simulator's own credential: every {@code /simulator/} request carries {@code byon.simulator.key} in the
 * {@code X-Simulator-Key} header (or, for tools that can only be given a URL, the {@code simulatorKey} query
 * parameter), compared in constant time; otherwise 401 {@code UNAUTHENTICATED}. API tokens do not open it.
 */
public class SimulatorGuard extends OncePerRequestFilter {
    public static final String HEADER = "X-Simulator-Key";
    public static final String PARAMETER = "simulatorKey";
    public static final String PREFIX = "/simulator/";
    private final byte[] key;

    public SimulatorGuard(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("byon.simulator.enabled=true needs byon.simulator.key (the simulator's own"
                    + " credential, sent as X-Simulator-Key)");
        }
        this.key = digest(key);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (given == null) {
            given = request.getParameter(PARAMETER);
        }
        if (given == null || !MessageDigest.isEqual(key, digest(given))) {
            ClientErrorLog.SHARED.clientError(401, request.getMethod(), "simulator request without its key");
            ErrorResponses.write(request, response, ErrorCode.UNAUTHENTICATED,
                    "the simulator needs its key (X-Simulator-Key)");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Equal-length digests, so the comparison takes the same time whatever was sent. */
    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
