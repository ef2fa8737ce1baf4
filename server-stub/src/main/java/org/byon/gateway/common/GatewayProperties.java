package org.byon.gateway.common;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's {@code byon.*} settings (docs/gateway.md lists them). {@code byon.faults} is read by the
 * faults package itself.
 */
@ConfigurationProperties("byon")
public record GatewayProperties(
        @DefaultValue Auth auth,
        @DefaultValue Racm racm,
        @DefaultValue Voice voice,
        @DefaultValue Channels channels,
        @DefaultValue Webhook webhook,
        @DefaultValue Simulator simulator,
        @DefaultValue("true") boolean demoSubscribers,
        List<SubscriberConfig> subscribers) {

    public GatewayProperties {
        subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
    }

    public record Auth(String issuer, @DefaultValue("10m") Duration tokenTtl, String jwkSetUri) {
    }

    public record Racm(@DefaultValue("60s") Duration minExpiry, @DefaultValue("24h") Duration maxExpiry,
                       @DefaultValue("1h") Duration defaultExpiry,
                       @DefaultValue("5") int maxRegistrationsPerSubscriber) {
    }

    public record Voice(@DefaultValue("30s") Duration ringTimeout,
                        @DefaultValue("1s") Duration externalAnswerDelay) {
    }

    public record Channels(@DefaultValue("1h") Duration defaultExpiry, @DefaultValue("24h") Duration maxExpiry,
                           @DefaultValue("1000") int retentionEvents, @DefaultValue("15m") Duration retentionTime,
                           @DefaultValue("1000") int maxPerOwner) {
    }

    public record Webhook(@DefaultValue("false") boolean allowInsecureUrls, @DefaultValue("4") int maxAttempts,
                          @DefaultValue("1s") Duration initialBackoff, @DefaultValue("10s") Duration timeout) {
    }

    public record Simulator(@DefaultValue("true") boolean enabled) {
    }

    public record SubscriberConfig(String name, String secret, String phoneNumber) {
    }
}
