package org.byon.gateway.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.byon.gateway.edge.PublicOrigin;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Absolute URLs of resources on the origin {@link PublicOrigin} chose for the request (the configured public base
 * URL, or the request's scheme and host, forwarded headers only from trusted proxies).
 */
final class ApiUrls {
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");

    private ApiUrls() {
    }

    static String origin() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        if (request.getAttribute(PublicOrigin.ATTRIBUTE) instanceof String origin) {
            return origin;
        }
        String scheme = request.getScheme();
        String host = request.getHeader("Host");
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
}
