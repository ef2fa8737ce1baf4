package org.byon.gateway.channel;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.edge.ClientErrorLog;
import org.byon.gateway.edge.ErrorResponses;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The notification WebSocket's handshake, refusing a malformed upgrade (RFC 6455 section 4.2.1) with an
 * {@code ErrorInfo} body like every other rejection: another method than GET (405 with {@code Allow: GET}), an
 * {@code Upgrade} other than {@code websocket}, a {@code Connection} without {@code Upgrade}, a
 * {@code Sec-WebSocket-Key} that is not 16 bytes in base64, a {@code Sec-WebSocket-Version} other than 13 (400,
 * with {@code Sec-WebSocket-Version: 13}). Spring's own refusals are plain text or empty.
 */
final class NotificationHandshake implements HandshakeHandler, org.springframework.context.Lifecycle {
    private final DefaultHandshakeHandler spring;

    NotificationHandshake(org.springframework.web.socket.server.RequestUpgradeStrategy upgrade) {
        this.spring = new DefaultHandshakeHandler(upgrade);
    }

    @Override
    public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Map<String, Object> attributes) throws HandshakeFailureException {
        if (request instanceof ServletServerHttpRequest req && response instanceof ServletServerHttpResponse res) {
            var headers = request.getHeaders();
            ErrorCode code = null;
            String message = null;
            if (request.getMethod() != HttpMethod.GET) {
                code = ErrorCode.METHOD_NOT_ALLOWED;
                message = "the notification WebSocket is opened with GET";
                res.getServletResponse().setHeader("Allow", "GET");
            } else if (!"websocket".equalsIgnoreCase(String.valueOf(headers.getFirst("Upgrade")).trim())) {
                message = "a WebSocket upgrade needs \"Upgrade: websocket\"";
            } else if (headers.getConnection().stream().noneMatch(c -> c.trim().equalsIgnoreCase("upgrade"))) {
                message = "a WebSocket upgrade needs \"Connection: Upgrade\"";
            } else if (!validKey(headers.get("Sec-WebSocket-Key"))) {
                message = "Sec-WebSocket-Key must be 16 bytes in base64";
            } else if (!"13".equals(String.valueOf(headers.getFirst("Sec-WebSocket-Version")).trim())) {
                message = "Sec-WebSocket-Version must be 13";
                res.getServletResponse().setHeader("Sec-WebSocket-Version", "13");
            }
            if (message != null) {
                ErrorCode c = code == null ? ErrorCode.INVALID_ARGUMENT : code;
                ClientErrorLog.SHARED.clientError(c.status(), request.getMethod().name(), "WebSocket handshake refused");
                try {
                    ErrorResponses.write(req.getServletRequest(), res.getServletResponse(), c, message);
                } catch (IOException e) {
                    throw new HandshakeFailureException("cannot write the refusal", e);
                }
                return false;
            }
        }
        return spring.doHandshake(request, response, handler, attributes);
    }

    @Override
    public void start() {
        spring.start();
    }

    @Override
    public void stop() {
        spring.stop();
    }

    @Override
    public boolean isRunning() {
        return spring.isRunning();
    }

    private static boolean validKey(List<String> values) {
        if (values == null || values.size() != 1) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(values.get(0).trim().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
