package org.byon.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code byon.limits.*}: what one request may carry (docs/gateway.md, "Limits"). The connection-level limits
 * (header size, connections, timeouts) are Boot's {@code server.*} / {@code server.tomcat.*} settings.
 */
@ConfigurationProperties("byon.limits")
public record LimitsProperties(
        @DefaultValue("128KB") DataSize maxBodySize,
        @DefaultValue("32") int maxJsonDepth,
        @DefaultValue("65536") int maxJsonStringLength) {
}
