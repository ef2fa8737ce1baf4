package org.byon.gateway.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes {@code x-correlator} on every response, errors from Spring Security and unknown paths included: it
 * runs before every other filter and sets the header before anything is written. A request without a valid
 * one gets a generated UUID (byon.yaml); an invalid value is rejected by the operation's validation (400).
 */
public class CorrelatorFilter extends OncePerRequestFilter {
    public static final String HEADER = "x-correlator";
    static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9-_:;./<>{}]{0,256}$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = request.getHeader(HEADER);
        if (value == null || value.isEmpty() || !PATTERN.matcher(value).matches()) {
            value = UUID.randomUUID().toString();
        }
        response.setHeader(HEADER, value);
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
