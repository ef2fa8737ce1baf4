package org.byon.gateway.web;

import org.byon.gateway.channel.NotificationPaths;
import org.byon.gateway.web.api.NotificationChannelsApi;
import org.byon.gateway.web.api.RacmApi;
import org.byon.gateway.web.api.VoiceSessionsApi;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Mounts the generated API interfaces under byon.yaml's base path ({@code /byon/v0.2}) and registers the
 * correlator filter; the fault filters come from {@link org.byon.gateway.faults.FaultConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
    /** byon.yaml's base path (the path of its server URL). */
    public static final String API_PREFIX = NotificationPaths.BASE_PATH;

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(API_PREFIX, HandlerTypePredicate.forAssignableType(
                NotificationChannelsApi.class, RacmApi.class, VoiceSessionsApi.class));
    }

    @Bean
    FilterRegistrationBean<CorrelatorFilter> correlatorFilter() {
        FilterRegistrationBean<CorrelatorFilter> r = new FilterRegistrationBean<>(new CorrelatorFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // right after the fault filter, when one is wired
        return r;
    }
}
