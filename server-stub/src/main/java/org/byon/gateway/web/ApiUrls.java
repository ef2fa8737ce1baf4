package org.byon.gateway.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Absolute URLs of resources as the client addressed the gateway: scheme and host of the current request,
 * honouring a simple {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} (first value) from a proxy.
 */
final class ApiUrls {
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");

    private ApiUrls() {
    }

    static String origin() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        String scheme = first(request.getHeader("X-Forwarded-Proto"));
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            scheme = request.getScheme();
        }
        String host = first(request.getHeader("X-Forwarded-Host"));
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getHeader("Host");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return scheme.toLowerCase() + "://" + host;
    }

    /** {@code ws://host} or {@code wss://host}. */
    static String wsOrigin() {
        String origin = origin();
        return origin.startsWith("https://") ? "wss://" + origin.substring(8) : "ws://" + origin.substring(7);
    }

    static URI resource(String path) {
        return URI.create(origin() + WebConfiguration.API_PREFIX + path);
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma >= 0 ? header.substring(0, comma) : header).trim();
    }
}
