package org.byon.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.byon.gateway.channel.EventHook;
import org.byon.gateway.channel.WebhookPolicy;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.voice.CallRules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** The fault decorators exist only when faults are configured or switchable at run time. */
class FaultConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(FaultSwitch.class, FaultConfiguration.class);

    @Test
    void withoutFaultsNoDecoratorIsWired() {
        runner.run(c -> {
            assertThat(c).hasNotFailed();
            assertThat(c).doesNotHaveBean(FaultConfiguration.class);
            assertThat(c).doesNotHaveBean(Visibility.class);
            assertThat(c).doesNotHaveBean(CallRules.class);
            assertThat(c).doesNotHaveBean(WebhookPolicy.class);
            assertThat(c).doesNotHaveBean(EventHook.class);
            assertThat(c).doesNotHaveBean(NetworkFaults.class);
            assertThat(c).doesNotHaveBean(FilterRegistrationBean.class);
        });
        runner.withPropertyValues("byon.faults=", "byon.faults.runtime-control=false")
                .run(c -> assertThat(c).doesNotHaveBean(FaultConfiguration.class));
    }

    @Test
    void configuredFaultsWireTheDecorators() {
        runner.withPropertyValues("byon.faults=bola-leak").run(c -> {
            assertThat(c.getBean(Visibility.class)).isInstanceOf(LeakyVisibility.class);
            assertThat(c.getBean(CallRules.class)).isInstanceOf(FaultyCallRules.class);
            assertThat(c.getBean(WebhookPolicy.class)).isInstanceOf(FaultyWebhookPolicy.class);
            assertThat(c.getBean(EventHook.class)).isInstanceOf(FaultyEventHook.class);
            assertThat(c).hasSingleBean(NetworkFaults.class);
            assertThat(c).hasSingleBean(FilterRegistrationBean.class);
        });
    }

    @Test
    void runtimeControlWiresTheDecoratorsWithNoFaultOn() {
        runner.withPropertyValues("byon.faults.runtime-control=true").run(c -> {
            assertThat(c).hasSingleBean(FaultConfiguration.class);
            Visibility v = c.getBean(Visibility.class);
            var alice = new org.byon.gateway.common.Owner("alice", "+1");
            var bob = new org.byon.gateway.common.Owner("bob", "+2");
            assertThat(v.reaches(alice, bob)).isFalse(); // passes through while bola-leak is off
            c.getBean(FaultSwitch.class).set(java.util.List.of("bola-leak"));
            assertThat(v.reaches(alice, bob)).isTrue();
        });
    }
}
