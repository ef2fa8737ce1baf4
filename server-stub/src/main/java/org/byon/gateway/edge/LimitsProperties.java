package org.byon.gateway.edge;

import org.byon.openapi.ByonContract;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code byon.limits.*}: what one request may carry and how many a subscriber or client may send (docs/gateway.md,
 * "Limits"; a rate of 0 switches that quota off). The connection-level limits
 * (header size, connections, per-read timeouts) are Boot's {@code server.*} / {@code server.tomcat.*} settings;
 * the header-completion deadline ({@link HeaderDeadlineProtocol}) and the WebSocket ping interval and idle
 * deadline (no frame, pong included, from the client for that long: closed with 1001) are here. A zero duration
 * switches that deadline off.
 */
@ConfigurationProperties("byon.limits")
public record LimitsProperties(
        @DefaultValue("128KB") DataSize maxBodySize,
        @DefaultValue("32") int maxJsonDepth,
        @DefaultValue("65536") int maxJsonStringLength,
        @DefaultValue("500") long subscriberRequestsPerSecond,
        @DefaultValue("1000") long subscriberBurst,
        @DefaultValue("20") long tokenRequestsPerSecond,
        @DefaultValue("200") long tokenBurst,
        @DefaultValue("100") int maxChannelsPerSubscriber,
        @DefaultValue("20") int maxCallsPerRegistration,
        @DefaultValue("1048576") long maxWebsocketQueueBytes,
        @DefaultValue("1048576") long maxRetentionBytes,
        @DefaultValue("10s") java.time.Duration headerCompletionTimeout,
        @DefaultValue("30s") java.time.Duration websocketPingInterval,
        @DefaultValue("90s") java.time.Duration websocketIdleTimeout) {

    /** The channel cap bounds {@code GET /channels}: it may not exceed the list's {@code maxItems} in byon.yaml. */
    public LimitsProperties {
        checkChannelCap(maxChannelsPerSubscriber, ByonContract.load());
    }

    /** @throws IllegalArgumentException when {@code cap} is not 1 to byon.yaml's {@code NotificationChannelList.maxItems} */
    static void checkChannelCap(int cap, ByonContract contract) {
        int listMax = contract.tree().at("/components/schemas/NotificationChannelList/maxItems").asInt(Integer.MAX_VALUE);
        if (cap < 1 || cap > listMax) {
            throw new IllegalArgumentException("byon.limits.max-channels-per-subscriber=" + cap + " must be 1 to "
                    + listMax + ": GET /channels returns at most " + listMax + " channels (byon.yaml)");
        }
    }
}
