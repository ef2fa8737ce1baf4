package org.byon.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventHook;
import org.byon.gateway.channel.PushSender;
import org.byon.gateway.channel.RecordingPushSender;
import org.byon.gateway.channel.WebhookSender;
import org.byon.gateway.channel.WebhookUrlGuard;
import org.byon.gateway.common.GatewayProperties;
import org.byon.gateway.common.Visibility;
import org.byon.gateway.channel.WebhookPolicy;
import org.byon.gateway.edge.LimitsProperties;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.racm.DisconnectGrace;
import org.byon.gateway.racm.RacmService;
import org.byon.gateway.voice.CallRules;
import org.byon.gateway.voice.VoiceService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the framework-free domain (network, channel, racm, voice) from {@code byon.*} settings; the IMS port's
 * adapter comes from {@link NetworkConfiguration}. The domain's seams (visibility, call rules, webhook policy,
 * event hook) get the contract's behaviour unless {@link org.byon.gateway.faults.FaultConfiguration} supplies
 * its decorators.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SubscriberDirectory subscriberDirectory(GatewayProperties props) {
        List<Subscriber> all = new ArrayList<>();
        if (props.demoSubscribers()) {
            all.addAll(SubscriberDirectory.DEMO);
        }
        for (GatewayProperties.SubscriberConfig s : props.subscribers()) {
            all.add(new Subscriber(s.name(), s.secret(), s.phoneNumber()));
        }
        return new SubscriberDirectory(all);
    }

    @Bean(destroyMethod = "close")
    NetworkScheduler networkScheduler() {
        return new NetworkScheduler(2);
    }

    @Bean
    WebhookUrlGuard webhookUrlGuard(GatewayProperties props) {
        return new WebhookUrlGuard(props.webhook().allowInsecureUrls());
    }

    @Bean
    WebhookSender webhookSender(NetworkScheduler scheduler, ObjectProvider<WebhookPolicy> policy,
                                GatewayProperties props, WebhookUrlGuard guard) {
        GatewayProperties.Webhook w = props.webhook();
        return new WebhookSender(scheduler, policy.getIfAvailable(() -> WebhookPolicy.STANDARD), w.maxAttempts(), w.initialBackoff(), w.timeout(), guard,
                org.byon.gateway.channel.WebhookTrust.context(w.trustedCertificates()));
    }

    @Bean
    RecordingPushSender pushSender() {
        return new RecordingPushSender();
    }

    @Bean
    ChannelService channelService(NetworkScheduler scheduler, WebhookSender webhooks, PushSender push,
                                  ObjectProvider<Visibility> visibility, ObjectProvider<EventHook> hook, Clock clock,
                                  GatewayProperties props, WebhookUrlGuard guard, LimitsProperties limits) {
        GatewayProperties.Channels c = props.channels();
        ChannelService service = new ChannelService(scheduler, webhooks, push, guard,
                visibility.getIfAvailable(() -> Visibility.OWNER), hook.getIfAvailable(() -> EventHook.NONE), clock, c.defaultExpiry(), c.maxExpiry(),
                c.retentionEvents(), c.retentionTime());
        service.limitChannelsPerOwner(limits.maxChannelsPerSubscriber());
        service.limitRetentionBytes(limits.maxRetentionBytes());
        return service;
    }

    @Bean
    RacmService racmService(ChannelService channels, ImsNetwork network, NetworkScheduler scheduler,
                            ObjectProvider<Visibility> visibility, Clock clock, GatewayProperties props) {
        GatewayProperties.Racm r = props.racm();
        RacmService service = new RacmService(channels, network, scheduler, visibility.getIfAvailable(() -> Visibility.OWNER), clock,
                r.minExpiry(),
                r.maxExpiry(), r.defaultExpiry(), r.maxRegistrationsPerSubscriber());
        if (!r.disconnectGrace().isZero() && !r.disconnectGrace().isNegative()) { // 0: no disconnection rule
            service.disconnectGrace(r.disconnectGrace());
            channels.addPresenceListener(new DisconnectGrace(service, scheduler, clock, r.disconnectGrace()));
        }
        return service;
    }

    @Bean
    VoiceService voiceService(RacmService racm, ChannelService channels, SubscriberDirectory directory,
                              ImsNetwork network, NetworkScheduler scheduler, ObjectProvider<Visibility> visibility,
                              ObjectProvider<CallRules> rules, LimitsProperties limits) {
        VoiceService service = new VoiceService(racm, channels, directory, network, scheduler,
                visibility.getIfAvailable(() -> Visibility.OWNER), rules.getIfAvailable(() -> CallRules.STRICT));
        service.limitCallsPerRegistration(limits.maxCallsPerRegistration());
        return service;
    }
}
