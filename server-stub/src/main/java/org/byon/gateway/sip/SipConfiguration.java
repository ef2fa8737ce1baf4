package org.byon.gateway.sip;

import org.byon.gateway.faults.NetworkFaults;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.SubscriberDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The SIP adapter of the IMS port, when {@code byon.network.mode=sip} (settings {@code byon.sip.*}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "byon.network.mode", havingValue = "sip")
public class SipConfiguration {

    @Bean(destroyMethod = "close")
    SipNetwork sipNetwork(SipSettings settings, SubscriberDirectory directory, NetworkScheduler scheduler) {
        return new SipNetwork(settings, directory, scheduler);
    }

    @Bean
    @Primary
    ImsNetwork sipImsNetwork(SipNetwork sip, ObjectProvider<NetworkFaults> faults) {
        return NetworkFaults.decorate(faults, sip);
    }
}
