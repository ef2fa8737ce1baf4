package org.byon.gateway.channel;

/**
 * Two choices of a webhook delivery, as a seam for the fault decorators {@code webhook-no-auth} and
 * {@code webhook-no-retry}; {@link #STANDARD} is the contract's.
 */
public interface WebhookPolicy {
    /** The {@code Authorization} header for the channel's {@code notificationAuthToken}; null: none. */
    String authorization(String notificationAuthToken);

    /**
     * Whether a failed attempt is tried again (with backoff, up to the attempt limit, and then the channel ends
     * with {@code DELIVERY_FAILED}); otherwise the event is dropped like one a 4xx refused.
     *
     * @param status the HTTP status, or -1 when no response came ({@code error} says why)
     */
    boolean retryable(int status, Throwable error);

    /** {@code Bearer <token>}; retried: no response, 5xx and 429. */
    WebhookPolicy STANDARD = new WebhookPolicy() {
        @Override
        public String authorization(String notificationAuthToken) {
            return notificationAuthToken == null ? null : "Bearer " + notificationAuthToken;
        }

        @Override
        public boolean retryable(int status, Throwable error) {
            return error != null || status >= 500 || status == 429;
        }
    };
}
