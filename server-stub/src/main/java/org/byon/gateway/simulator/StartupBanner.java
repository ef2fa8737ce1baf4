package org.byon.gateway.simulator;

import org.byon.gateway.auth.Issuer;
import org.byon.gateway.common.GatewayProperties;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.web.ContractDocsController;
import org.byon.gateway.web.WebConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where everything is once the gateway is ready. */
@Component
public class StartupBanner {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);
    private final SubscriberDirectory directory;
    private final GatewayProperties props;
    private final FaultSwitch faults;
    private final Issuer issuer;

    public StartupBanner(SubscriberDirectory directory, GatewayProperties props, FaultSwitch faults, Issuer issuer) {
        this.directory = directory;
        this.props = props;
        this.faults = faults;
        this.issuer = issuer;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        StringBuilder b = new StringBuilder("\n\n  BYON reference gateway is ready\n");
        b.append("  API root        ").append(base).append(WebConfiguration.API_PREFIX).append('\n');
        b.append("  Contract        ").append(base).append(ContractDocsController.CONTRACT_PATH)
                .append("  (HTML reference: ").append(base).append(ContractDocsController.REFERENCE_PATH).append(")\n");
        b.append("  Token URL       ").append(base).append("/oauth2/token  (client_credentials, test IdP)\n");
        b.append("  Issuer          ").append(issuer.get()).append('\n');
        b.append("  Simulator       ").append(props.simulator().enabled()
                ? base + "/simulator/v1  (X-Simulator-Key: byon.simulator.key)" : "(disabled)").append('\n');
        // names and numbers only: no client secret, no key, whoever configured them
        b.append("  Subscribers     client id / number\n");
        for (Subscriber s : directory.all()) {
            b.append("                  ").append(s.name()).append(" / ").append(s.phoneNumber()).append('\n');
        }
        if (faults.anyOn()) {
            b.append("  FAULTS ACTIVE   ").append(faults.names()).append('\n');
        }
        log.info(b.toString());
    }
}
