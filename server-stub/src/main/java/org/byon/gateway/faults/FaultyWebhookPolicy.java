package org.byon.gateway.faults;

import org.byon.gateway.channel.WebhookPolicy;

/**
 * The webhook faults, decorating the delivery policy: {@code webhook-no-auth} sends no {@code Authorization}
 * header; {@code webhook-no-retry} tries each event once and drops it when that fails (the channel lives on).
 */
public final class FaultyWebhookPolicy implements WebhookPolicy {
    private final WebhookPolicy delegate;
    private final FaultSwitch faults;

    public FaultyWebhookPolicy(WebhookPolicy delegate, FaultSwitch faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public String authorization(String notificationAuthToken) {
        return faults.on(Fault.WEBHOOK_NO_AUTH) ? null : delegate.authorization(notificationAuthToken);
    }

    @Override
    public boolean retryable(int status, Throwable error) {
        return !faults.on(Fault.WEBHOOK_NO_RETRY) && delegate.retryable(status, error);
    }
}
