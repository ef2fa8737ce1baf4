package org.byon.gateway.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP status/header faults, applied by rewriting API responses: {@code no-location-header},
 * {@code create-returns-200}, {@code delete-returns-200}. Passes requests straight through when none is on.
 */
public class FaultResponseFilter extends OncePerRequestFilter {
    private final FaultSwitch faults;

    public FaultResponseFilter(FaultSwitch faults) {
        this.faults = faults;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean noLocation = faults.on(Fault.NO_LOCATION_HEADER);
        boolean create200 = faults.on(Fault.CREATE_RETURNS_200);
        boolean delete200 = faults.on(Fault.DELETE_RETURNS_200) && "DELETE".equals(request.getMethod());
        if (!(noLocation || create200 || delete200) || !request.getRequestURI().startsWith("/byon/v0.2/")) {
            chain.doFilter(request, response);
            return;
        }
        boolean[] deleted = {false};
        HttpServletResponseWrapper wrapper = new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int sc) {
                super.setStatus(rewrite(sc));
            }

            private int rewrite(int sc) {
                if (sc == 201 && create200) {
                    return 200;
                }
                if (sc == 204 && delete200) {
                    deleted[0] = true;
                    return 200;
                }
                return sc;
            }

            @Override
            public void setHeader(String name, String value) {
                if (!(noLocation && "Location".equalsIgnoreCase(name))) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!(noLocation && "Location".equalsIgnoreCase(name))) {
                    super.addHeader(name, value);
                }
            }
        };
        chain.doFilter(request, wrapper);
        if (deleted[0] && !response.isCommitted()) {
            response.setContentType("application/json");
            response.getOutputStream().write("{\"deleted\":true}".getBytes(StandardCharsets.UTF_8));
        }
    }
}
