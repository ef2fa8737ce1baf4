package org.byon.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.byon.client.ByonEvent;
import org.byon.client.ByonWebhook;
import org.byon.client.EventListener;

/**
 * A webhook channel's receiver: bearer token check in constant time ({@link MessageDigest#isEqual}),
 * CloudEvent parsing and routing through the client's registries, duplicate and gap handling by
 * {@code sequence}. A sequence counts as delivered only once the listener returned, so a delivery
 * that failed with 500 is processed again when the gateway retries it. Thread-safe: deliveries are
 * handled one at a time.
 */
public final class WebhookReceiver implements ByonWebhook {

    private final ClientContext context;
    private final String channelId;
    private final byte[] expectedToken;
    private final EventListener listener;
    private long last; // guarded by this

    /**
     * @param expectedToken the channel's {@code notificationAuthToken}; {@code null} accepts any
     *                      request (a channel created without a token)
     */
    public WebhookReceiver(ClientContext context, String channelId, String expectedToken, EventListener listener) {
        this.context = context;
        this.channelId = channelId;
        this.expectedToken = expectedToken == null ? null : expectedToken.getBytes(StandardCharsets.UTF_8);
        this.listener = listener;
    }

    /** Whether {@code authorization} is {@code Bearer <expected>} (scheme in any case), in constant time for the token. */
    static boolean bearerMatches(String authorization, byte[] expected) {
        if (expected == null) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = a.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }

    @Override
    public ByonEvent parse(String authorization, String body) {
        return context.route(read(authorization, body));
    }

    private EventParser.Parsed read(String authorization, String body) {
        if (!bearerMatches(authorization, expectedToken)) {
            throw new Rejected(401, "the Authorization header does not carry the channel's notificationAuthToken");
        }
        if (body == null || body.isBlank()) {
            throw new Rejected(400, "empty body");
        }
        try {
            return context.parser().parse(body);
        } catch (RuntimeException e) {
            throw new Rejected(400, "not a CloudEvent: " + e.getMessage());
        }
    }

    @Override
    public synchronized int handle(String authorization, String body) {
        EventParser.Parsed parsed;
        try {
            parsed = read(authorization, body);
        } catch (Rejected e) {
            context.log().warn("webhook channel " + channelId + ": refused a delivery (" + e.status() + "): " + e.getMessage());
            return e.status();
        }
        long seq = parsed.sequence();
        if (seq > 0 && seq <= last) {
            context.log().debug("webhook channel " + channelId + ": dropping duplicate sequence " + seq);
            return 204;
        }
        try {
            ByonEvent event = context.route(parsed);
            if (seq > 0 && last > 0 && seq != last + 1) {
                listener.onGap(last + 1, seq);
            }
            if (event != null) {
                listener.onEvent(event);
            }
        } catch (RuntimeException e) {
            context.log().warn("webhook channel " + channelId + ": the event listener threw; answering 500 so the gateway retries", e);
            return 500;
        }
        if (seq > 0) {
            last = seq;
        }
        return 204;
    }

    @Override
    public synchronized long lastSequence() {
        return last;
    }

    @Override
    public String toString() {
        return "ByonWebhook[" + channelId + ", lastSequence=" + lastSequence() + "]";
    }
}
