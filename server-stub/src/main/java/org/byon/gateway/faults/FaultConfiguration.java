package org.byon.gateway.faults;

import org.byon.gateway.channel.WebhookPolicy;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.voice.CallRules;
import org.byon.gateway.web.WebConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The fault decorators of docs/gateway.md, wired only when faults are configured or switchable
 * ({@link ConditionalOnFaults}): each wraps the contract's own behaviour at a seam (the domain's policies, the
 * event hook, the IMS port, the token decoder, a response filter) and passes through while its fault is off.
 * The web edge's decorators ({@code web.faults.Faulty*}: the web edge, apart from the controllers) carry the same condition. Without faults none of them exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFaults
public class FaultConfiguration {

    @Bean
    Visibility leakyVisibility(FaultSwitch faults) {
        return new LeakyVisibility(Visibility.OWNER, faults);
    }

    @Bean
    CallRules faultyCallRules(FaultSwitch faults) {
        return new FaultyCallRules(CallRules.STRICT, faults);
    }

    @Bean
    WebhookPolicy faultyWebhookPolicy(FaultSwitch faults) {
        return new FaultyWebhookPolicy(WebhookPolicy.STANDARD, faults);
    }

    @Bean
    FaultyEventHook faultyEventHook(FaultSwitch faults) {
        return new FaultyEventHook(faults);
    }

    @Bean
    NetworkFaults networkFaults(FaultSwitch faults) {
        return new NetworkFaults(faults);
    }

    /** {@code accept-unsigned-token}: the security configuration's decoder, decorated. */
    @Bean
    static BeanPostProcessor faultyJwtDecoder(ObjectProvider<FaultSwitch> faults) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof FaultyJwtDecoder)
                        ? new FaultyJwtDecoder(decoder, faults.getObject()) : bean;
            }
        };
    }

    /** The status/header faults, before every other filter (the correlator filter included). */
    @Bean
    FilterRegistrationBean<FaultResponseFilter> faultResponseFilter(FaultSwitch faults) {
        FilterRegistrationBean<FaultResponseFilter> r = new FilterRegistrationBean<>(
                new FaultResponseFilter(faults, WebConfiguration.API_PREFIX));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }
}
