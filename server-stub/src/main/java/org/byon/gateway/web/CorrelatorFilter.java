package org.byon.gateway.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.edge.ErrorResponses;
import org.byon.gateway.faults.Fault;
import org.byon.gateway.faults.FaultSwitch;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes {@code x-correlator} on every response, errors from Spring Security and unknown paths included: it
 * runs before every other filter and sets the header before anything is written. A request without a valid
 * one gets a generated UUID (byon.yaml); an invalid value is rejected by the operation's validation (400).
 */
public class CorrelatorFilter extends OncePerRequestFilter {
    public static final String HEADER = "x-correlator";
    static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9-_:;./<>{}]{0,256}$");

    private final FaultSwitch faults;

    public CorrelatorFilter(FaultSwitch faults) {
        this.faults = faults;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!faults.on(Fault.NO_CORRELATOR_ECHO)) {
            String value = request.getHeader(HEADER);
            if (value == null || value.isEmpty() || !PATTERN.matcher(value).matches()) {
                value = UUID.randomUUID().toString();
            }
            response.setHeader(HEADER, value);
        } else {
            request.setAttribute(ErrorResponses.NO_CORRELATOR, Boolean.TRUE);
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
