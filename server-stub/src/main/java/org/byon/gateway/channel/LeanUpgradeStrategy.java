package org.byon.gateway.channel;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Spring's standard (JSR 356) upgrade, with a lighter memory footprint per open WebSocket: Spring's session and
 * Tomcat's handshake request each keep a copy of the handshake's headers for the whole life of the connection
 * (about 4.4 KiB of maps and strings per WebSocket with a JDK client's seven headers; nothing in the gateway reads
 * them after the handshake). The upgrade sees the request with only the {@code Sec-WebSocket-*} headers listed
 * (every header can still be read by name, so Tomcat's and Spring's handshake checks see all of them); what the
 * handshake itself checked ({@link NotificationHandshake}) came from the full request before.
 */
final class LeanUpgradeStrategy extends StandardWebSocketUpgradeStrategy {
    private static final Set<String> KEPT = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-protocol", "sec-websocket-extensions");

    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                        List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
                        Map<String, Object> attrs) throws HandshakeFailureException {
        ServerHttpRequest lean = request instanceof ServletServerHttpRequest servlet
                ? new ServletServerHttpRequest(new ListedHeaders(servlet.getServletRequest())) : request;
        super.upgrade(lean, response, selectedProtocol, selectedExtensions, user, wsHandler, attrs);
    }

    /** The request with only the WebSocket headers in {@link #getHeaderNames()}. */
    static final class ListedHeaders extends HttpServletRequestWrapper {
        ListedHeaders(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new java.util.ArrayList<>(KEPT.size());
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }
    }
}
