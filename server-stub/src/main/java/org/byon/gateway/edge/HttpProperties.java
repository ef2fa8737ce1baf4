package org.byon.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code byon.http.*}: how the gateway names itself in absolute URLs ({@link PublicOrigin}). */
@ConfigurationProperties("byon.http")
public record HttpProperties(String publicBaseUrl, List<String> trustedProxies) {
    public HttpProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
