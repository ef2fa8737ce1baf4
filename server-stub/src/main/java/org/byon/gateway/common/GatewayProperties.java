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
        @DefaultValue Network network,
        @DefaultValue("true") boolean demoSubscribers,
        List<SubscriberConfig> subscribers) {

    public GatewayProperties {
        subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
    }

    /**
     * {@code audience}: when set, tokens must carry it in {@code aud} (the embedded issuer puts it there).
     * {@code consumerClientId}/{@code consumerClientSecret}: a demo API consumer of the embedded issuer (with the demo
     * subscribers only) whose client-credentials tokens name no subscriber, the two-legged token byon.yaml refuses.
     */
    public record Auth(String issuer, @DefaultValue("10m") Duration tokenTtl, String jwkSetUri, String audience,
                       @DefaultValue("asp") String consumerClientId, @DefaultValue("asp-secret") String consumerClientSecret) {
        @Override
        public String toString() { // the secret never reaches a log
            return "Auth[issuer=" + issuer + ", tokenTtl=" + tokenTtl + ", jwkSetUri=" + jwkSetUri + ", audience="
                    + audience + ", consumerClientId=" + consumerClientId + "]";
        }
    }

    /**
     * {@code disconnectGrace}: a registration on a WebSocket channel ends (CHANNEL_DISCONNECTED) once that channel
     * stayed disconnected this long; {@code 0} switches the rule off. 60 s outlasts a page reload (a second or two)
     * and a network change (the SDK retries within 10 s, several times), yet a closed browser stops ringing within
     * a minute instead of at the registration's expiry (1 h by default).
     */
    public record Racm(@DefaultValue("60s") Duration minExpiry, @DefaultValue("24h") Duration maxExpiry,
                       @DefaultValue("1h") Duration defaultExpiry,
                       @DefaultValue("5") int maxRegistrationsPerSubscriber,
                       @DefaultValue("60s") Duration disconnectGrace) {
    }

    public record Voice(@DefaultValue("30s") Duration ringTimeout,
                        @DefaultValue("1s") Duration externalAnswerDelay) {
    }

    public record Channels(@DefaultValue("1h") Duration defaultExpiry, @DefaultValue("24h") Duration maxExpiry,
                           @DefaultValue("1000") int retentionEvents, @DefaultValue("15m") Duration retentionTime) {
    }

    public record Webhook(@DefaultValue("false") boolean allowInsecureUrls, @DefaultValue("4") int maxAttempts,
                          @DefaultValue("1s") Duration initialBackoff, @DefaultValue("10s") Duration timeout,
                          String trustedCertificates) {
    }

    /** The simulator surface: off unless enabled, and then only with its own key (never logged). */
    public record Simulator(@DefaultValue("false") boolean enabled, String key) {
        @Override
        public String toString() {
            return "Simulator[enabled=" + enabled + "]";
        }
    }

    /** {@code byon.network.mode}: {@code simulated} (the embedded IMS core, default) or {@code sip}. */
    public record Network(@DefaultValue("simulated") String mode) {
    }

    public record SubscriberConfig(String name, String secret, String phoneNumber) {
        @Override
        public String toString() {
            return "SubscriberConfig[name=" + name + ", phoneNumber=" + phoneNumber + "]";
        }
    }
}
