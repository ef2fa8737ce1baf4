package org.byon.gateway.simulator;

import org.byon.gateway.common.GatewayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The simulator's key check, in front of everything else on {@code /simulator/} (only when it is enabled). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "byon.simulator.enabled", havingValue = "true")
public class SimulatorConfiguration {

    @Bean
    FilterRegistrationBean<SimulatorGuard> simulatorGuard(GatewayProperties props) {
        FilterRegistrationBean<SimulatorGuard> r = new FilterRegistrationBean<>(new SimulatorGuard(props.simulator().key()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return r;
    }
}
