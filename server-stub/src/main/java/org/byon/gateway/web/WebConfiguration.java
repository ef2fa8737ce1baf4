package org.byon.gateway.web;

import org.byon.gateway.faults.FaultResponseFilter;
import org.byon.gateway.faults.FaultSwitch;
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

/** Mounts the generated API interfaces under {@code /byon/v0.2} and registers the edge filters. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
    public static final String API_PREFIX = "/byon/v0.2";

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(API_PREFIX, HandlerTypePredicate.forAssignableType(
                NotificationChannelsApi.class, RacmApi.class, VoiceSessionsApi.class));
    }

    @Bean
    FilterRegistrationBean<CorrelatorFilter> correlatorFilter(FaultSwitch faults) {
        FilterRegistrationBean<CorrelatorFilter> r = new FilterRegistrationBean<>(new CorrelatorFilter(faults));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }

    @Bean
    FilterRegistrationBean<FaultResponseFilter> faultResponseFilter(FaultSwitch faults) {
        FilterRegistrationBean<FaultResponseFilter> r = new FilterRegistrationBean<>(new FaultResponseFilter(faults));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return r;
    }
}
