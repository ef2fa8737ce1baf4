package org.byon.gateway.auth;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link OAuthEndpoints} ahead of the authorization server's filters. */
@Configuration(proxyBeanMethods = false)
public class OAuthEndpointsConfiguration {

    @Bean
    FilterRegistrationBean<OAuthEndpoints> oauthEndpointsNotOffered() {
        FilterRegistrationBean<OAuthEndpoints> r = new FilterRegistrationBean<>(new OAuthEndpoints());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return r;
    }
}
