package org.byon.gateway;

import org.byon.gateway.common.GatewayProperties;
import org.byon.gateway.faults.NetworkFaults;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.network.simulated.SimulatedNetwork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The IMS port's adapter, chosen by {@code byon.network.mode}: {@code simulated} (default) or {@code sip}
 * ({@link org.byon.gateway.sip.SipConfiguration}); either is wrapped in the network-side fault decorator when
 * faults are wired.
 */
@Configuration(proxyBeanMethods = false)
public class NetworkConfiguration {

    @Bean
    @ConditionalOnProperty(name = "byon.network.mode", havingValue = "simulated", matchIfMissing = true)
    SimulatedNetwork simulatedNetwork(SubscriberDirectory directory, NetworkScheduler scheduler,
                                      GatewayProperties props) {
        return new SimulatedNetwork(directory, scheduler, props.voice().ringTimeout(),
                props.voice().externalAnswerDelay());
    }

    @Bean
    @Primary
    @ConditionalOnProperty(name = "byon.network.mode", havingValue = "simulated", matchIfMissing = true)
    ImsNetwork simulatedImsNetwork(SimulatedNetwork simulated, ObjectProvider<NetworkFaults> faults) {
        return NetworkFaults.decorate(faults, simulated);
    }
}
