package org.byon.gateway.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.byon.gateway.edge.ErrorResponses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP status/header faults, applied by rewriting responses: {@code no-correlator-echo} (every response),
 * {@code no-location-header}, {@code create-returns-200}, {@code delete-returns-200} (API responses). Runs
 * before every other filter; passes requests straight through when none is on.
 */
public class FaultResponseFilter extends OncePerRequestFilter {
    private final FaultSwitch faults;
    private final String apiPrefix;

    /** @param apiPrefix the API's base path ({@code /byon/v0.2}) */
    public FaultResponseFilter(FaultSwitch faults, String apiPrefix) {
        this.faults = faults;
        this.apiPrefix = apiPrefix + "/";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean noCorrelator = faults.on(Fault.NO_CORRELATOR_ECHO);
        boolean api = request.getRequestURI().startsWith(apiPrefix);
        boolean noLocation = api && faults.on(Fault.NO_LOCATION_HEADER);
        boolean create200 = api && faults.on(Fault.CREATE_RETURNS_200);
        boolean delete200 = api && faults.on(Fault.DELETE_RETURNS_200) && "DELETE".equals(request.getMethod());
        if (!(noCorrelator || noLocation || create200 || delete200)) {
            chain.doFilter(request, response);
            return;
        }
        if (noCorrelator) { // also for the error responses the edge writes on the container's own response
            request.setAttribute(ErrorResponses.NO_CORRELATOR, Boolean.TRUE);
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

            private boolean dropped(String name) {
                return noLocation && "Location".equalsIgnoreCase(name)
                        || noCorrelator && ErrorResponses.CORRELATOR.equalsIgnoreCase(name);
            }

            @Override
            public void setHeader(String name, String value) {
                if (!dropped(name)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!dropped(name)) {
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
