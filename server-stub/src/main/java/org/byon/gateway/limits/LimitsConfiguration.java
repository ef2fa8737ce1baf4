package org.byon.gateway.limits;

import java.util.stream.Collectors;

import org.byon.gateway.edge.LimitsProperties;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.web.WebConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The quotas: per subscriber on the API (after authentication), per client on the token endpoint (before it). */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {
    /** After Spring Security's filter chain (order -100), so the subscriber is known. */
    static final int AFTER_SECURITY = 0;

    @Bean
    FilterRegistrationBean<RateLimitFilter> subscriberRateLimit(LimitsProperties limits) {
        FilterRegistrationBean<RateLimitFilter> r = new FilterRegistrationBean<>(new RateLimitFilter(
                WebConfiguration.API_PREFIX,
                new RateLimiter(limits.subscriberRequestsPerSecond(), limits.subscriberBurst(), 100_000)));
        r.setOrder(AFTER_SECURITY);
        return r;
    }

    @Bean
    FilterRegistrationBean<TokenEndpointFilter> tokenEndpointLimit(LimitsProperties limits,
                                                                   SubscriberDirectory directory) {
        FilterRegistrationBean<TokenEndpointFilter> r = new FilterRegistrationBean<>(new TokenEndpointFilter(
                new RateLimiter(limits.tokenRequestsPerSecond(), limits.tokenBurst(), 100_000),
                directory.all().stream().map(Subscriber::name).collect(Collectors.toSet())));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return r;
    }
}
