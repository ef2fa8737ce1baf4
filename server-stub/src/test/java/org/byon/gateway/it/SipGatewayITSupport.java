package org.byon.gateway.it;

import org.byon.gateway.GatewayApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in SIP mode ({@code byon.network.mode=sip}) with the IMS lab (Kamailio + SIPp) as its network:
 * one application context shared by every SIP IT class. Everything else as {@link GatewayITSupport}.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "byon.network.mode=sip",
                "byon.sip.domain=" + ImsLab.DOMAIN,
                "byon.sip.request-timeout=3s",
                "byon.sip.invite-timeout=20s",
                "byon.sip.refresh-limit=2s", // a binding a restarted core lost is back within 2 s
                "byon.racm.min-expiry=1s",
                "byon.webhook.allow-insecure-urls=true",
                "byon.faults.runtime-control=true",
                "byon.simulator.enabled=true",
                "byon.simulator.key=" + GatewayITSupport.SIMULATOR_KEY,
                "byon.subscribers[0].name=dave",
                "byon.subscribers[0].secret=dave-secret",
                "byon.subscribers[0].phone-number=+447700900004",
                "byon.subscribers[1].name=erin",
                "byon.subscribers[1].secret=erin-secret",
                "byon.subscribers[1].phone-number=+447700900005",
                "logging.level.org.byon.gateway=INFO"
        })
public abstract class SipGatewayITSupport extends GatewayITSupport {

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        ImsLab lab = ImsLab.get();
        registry.add("byon.sip.outbound-proxy", lab::proxy);
        ImsLab.PASSWORDS.forEach((name, pw) -> registry.add("byon.sip.credentials." + name + ".password", () -> pw));
    }
}
