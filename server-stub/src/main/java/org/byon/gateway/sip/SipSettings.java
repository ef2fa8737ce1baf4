package org.byon.gateway.sip;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code byon.sip.*}: where the SIP adapter listens and which P-CSCF it talks to (docs/ims.md).
 *
 * @param transport      {@code udp} (default) or {@code tcp}
 * @param localHost      the address the gateway listens on and puts in Via / Contact
 * @param localPort      its SIP port; 0 picks a free one
 * @param outboundProxy  {@code host:port} every request is sent to (the P-CSCF); the registrar takes it
 *                       when unset
 * @param registrar      {@code host:port} of the registrar when there is no outbound proxy
 * @param domain         the home network domain: public identities are {@code sip:+<E.164>@domain}, REGISTER
 *                       goes to {@code sip:domain}
 * @param requestTimeout how long REGISTER and re-INVITE wait for a final response
 * @param inviteTimeout  how long an outgoing INVITE waits for its final response before the gateway
 *                       cancels it (408)
 * @param credentials    digest credentials per subscriber name (the OAuth client id)
 * @param refreshLimit   the longest time between two REGISTERs of a binding, whatever the registrar granted:
 *                       a refresh re-creates a binding a restarted core has lost, and a refresh the core does
 *                       not answer ends the registration (NETWORK_TERMINATED)
 */
@ConfigurationProperties("byon.sip")
public record SipSettings(
        @DefaultValue("udp") String transport,
        @DefaultValue("127.0.0.1") String localHost,
        @DefaultValue("0") int localPort,
        String outboundProxy,
        @DefaultValue("127.0.0.1:5060") String registrar,
        @DefaultValue("ims.example.org") String domain,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("60s") Duration inviteTimeout,
        Map<String, Credential> credentials,
        @DefaultValue("600s") Duration refreshLimit) {

    public SipSettings {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** The next hop of every request. */
    public String proxy() {
        return outboundProxy != null && !outboundProxy.isBlank() ? outboundProxy : registrar;
    }

    /**
     * A subscriber's digest credentials.
     *
     * @param username the private identity (authentication user name); the E.164 number when unset
     * @param password the digest password
     */
    public record Credential(String username, String password) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***]";
        }
    }
}
