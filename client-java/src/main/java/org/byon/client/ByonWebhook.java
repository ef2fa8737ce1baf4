package org.byon.client;

import java.util.List;
import java.util.Map;

/**
 * The receiving end of a webhook channel ({@link ByonClient#createWebhookChannel}): the gateway
 * POSTs each event of the channel, one per request and in {@code sequence} order, as a CloudEvent in
 * structured JSON mode with {@code Authorization: Bearer <notificationAuthToken>}. Obtain one with
 * {@link ByonClient#webhook(String, String, EventListener)} and mount {@link #handle(Map, String)}
 * (or {@link #handle(String, String)}) in whatever HTTP server the application runs:
 *
 * <pre>{@code
 * ByonWebhook webhook = client.webhook(channel.channelId(), notificationAuthToken, event -> {
 *     if (event instanceof ByonEvent.SessionInvitation inv) {
 *         inv.call().answerAsync(answerSdp);            // the call is live: answer, ring, decline
 *     }
 * });
 * // in a servlet, a Spring controller, a JDK HttpServer handler...:
 * int status = webhook.handle(request.getHeader("Authorization"), body);
 * response.setStatus(status);                           // 204, 400, 401 or 500
 * }</pre>
 *
 * <p>Events update the calls and registrations of the client exactly as WebSocket events do, so an
 * {@link IncomingCall} announced by webhook can be answered, and {@link Call#awaitStatus} works on
 * calls whose registration is on the webhook channel. Retried deliveries (same {@code sequence})
 * are acknowledged without calling the listener again; a listener that throws makes the delivery
 * fail with 500, so the gateway retries it.
 *
 * <p>Thread-safe: requests may arrive on any thread; the listener is called one event at a time,
 * on the thread that called {@code handle} or {@code parse}.
 */
public interface ByonWebhook {

    /**
     * Verifies the bearer token and parses one delivery into an event, updating the client's calls
     * and registrations, without calling the listener and without duplicate detection.
     *
     * @param authorization the request's {@code Authorization} header, possibly {@code null}
     * @param body          the request body
     * @return the event, or {@code null} for an event type this client does not know
     * @throws Rejected with status 401 when the token does not match, 400 when the body is not a
     *                  BYON CloudEvent
     */
    ByonEvent parse(String authorization, String body);

    /**
     * Handles one delivery: verifies the token, parses the event, drops a retried duplicate, and
     * calls the listener ({@link EventListener#onGap} first when sequence numbers were skipped).
     *
     * @param authorization the request's {@code Authorization} header, possibly {@code null}
     * @param body          the request body
     * @return the HTTP status to answer: 204 delivered (or a duplicate, or an unknown type),
     *         401 wrong or missing token, 400 not a CloudEvent, 500 the listener threw (the gateway retries)
     */
    int handle(String authorization, String body);

    /**
     * {@link #handle(String, String)} with the request's headers (names in any case).
     *
     * @param headers the request headers, e.g. {@code HttpExchange.getRequestHeaders()}
     * @param body    the request body
     * @return the HTTP status to answer
     */
    default int handle(Map<String, List<String>> headers, String body) {
        String authorization = null;
        if (headers != null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase("Authorization") && e.getValue() != null
                        && !e.getValue().isEmpty()) {
                    authorization = e.getValue().get(0);
                }
            }
        }
        return handle(authorization, body);
    }

    /** @return the sequence of the last event handled, 0 before the first */
    long lastSequence();

    /** A delivery that must be refused, with the HTTP status to answer. Immutable. */
    final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * @param status  the HTTP status to answer: 400 or 401
         * @param message why
         */
        public Rejected(int status, String message) {
            super(message);
            this.status = status;
        }

        /** @return the HTTP status to answer */
        public int status() {
            return status;
        }
    }
}
