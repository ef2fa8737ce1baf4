package org.byon.gateway.channel;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

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
 * them after the handshake). The upgrade sees the request with no header names listed; every header can still be
 * read by name, which is how Tomcat's upgrade reads {@code Sec-WebSocket-Key}, {@code Origin} and the
 * {@code Sec-WebSocket-*} offers. Nor does it see the socket addresses ({@link Unaddressed}). What the handshake
 * checked ({@link NotificationHandshake}) and negotiated (Spring's handshake handler) came from the full request
 * before.
 */
final class LeanUpgradeStrategy extends StandardWebSocketUpgradeStrategy {
    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                        List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
                        Map<String, Object> attrs) throws HandshakeFailureException {
        ServerHttpRequest lean = request instanceof ServletServerHttpRequest servlet
                ? new Unaddressed(new UnlistedHeaders(servlet.getServletRequest())) : request;
        super.upgrade(lean, response, selectedProtocol, selectedExtensions, user, wsHandler, attrs);
    }

    /**
     * The request without socket addresses: Spring's session keeps the two {@code InetSocketAddress} objects it gets
     * here (about 300 bytes a WebSocket) and nothing in the gateway asks a session for them
     * ({@code WebSocketSession#getLocalAddress()} and {@code getRemoteAddress()} answer null).
     */
    static final class Unaddressed extends ServletServerHttpRequest {
        Unaddressed(HttpServletRequest request) {
            super(request);
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }
    }

    /** The request without header names ({@link #getHeaderNames()} is empty; each header is still read by name). */
    static final class UnlistedHeaders extends HttpServletRequestWrapper {
        UnlistedHeaders(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.emptyEnumeration();
        }
    }
}
