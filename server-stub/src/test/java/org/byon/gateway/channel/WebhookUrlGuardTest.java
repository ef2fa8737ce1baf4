package org.byon.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.junit.jupiter.api.Test;

/** The SSRF guard against the address forms that reach this host or an internal network. */
class WebhookUrlGuardTest {
    private final WebhookUrlGuard guard = new WebhookUrlGuard(false);

    /**
     * Every form is a way to write an internal address; all must be refused: 422, or 400 where {@link URI} does not
     * even read a host (such as {@code 127.1}, which other software reads as 127.0.0.1).
     */
    static final String[] INTERNAL_FORMS = {
        "127.0.0.1", "127.1", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "2130706433", "017700000001", "127.000.000.001",
        "0.0.0.0", "0", "localhost", "localhost.", "10.0.0.7", "172.16.5.4", "192.168.1.1", "100.64.0.1",
        "169.254.169.254", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.19.255.254", "198.51.100.7", "203.0.113.9",
        "192.88.99.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
        "[::1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:10.0.0.1]", "[::127.0.0.1]", "[::7f00:1]",
        "[64:ff9b::7f00:1]", "[64:ff9b::a00:1]", "[64:ff9b:1::7f00:1]", "[2002:7f00:1::]", "[2002:a00:1::1]",
        "[fe80::1]", "[fec0::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[2001:db8::1]", "[3fff::1]",
        "[2001:2::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[2001:10::1]", "[100::1]",
    };

    @Test
    void everyInternalAddressFormIsRefused() {
        List<String> accepted = new ArrayList<>();
        for (String host : INTERNAL_FORMS) {
            try {
                guard.check("https://" + host + "/hook");
                accepted.add(host);
            } catch (ByonException e) {
                assertThat(e.errorCode()).as(host).isIn(ErrorCode.NOTIFICATION_URL_NOT_ALLOWED, ErrorCode.INVALID_ARGUMENT);
                if (e.errorCode() == ErrorCode.NOTIFICATION_URL_NOT_ALLOWED) {
                    assertThat(guard.permitsDelivery(URI.create("https://" + host + "/hook"))).as(host).isFalse();
                }
            }
        }
        assertThat(accepted).as("internal forms accepted").isEmpty();
    }

    @Test
    void theHostsOwnInterfaceAddressesAreRefused() throws Exception {
        List<String> checked = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                InetAddress plain = InternalAddresses.stripZone(a);
                assertThat(guard.isInternal(plain)).as(plain.toString()).isTrue();
                String host = plain instanceof Inet6Address ? "[" + plain.getHostAddress() + "]" : plain.getHostAddress();
                assertThatThrownBy(() -> guard.check("https://" + host + "/x")).as(host)
                        .isInstanceOf(ByonException.class);
                checked.add(host);
            }
        }
        assertThat(checked).isNotEmpty();
    }

    @Test
    void publicAddressesAreAcceptedAndUserInfoOrHttpAreNot() {
        for (String host : new String[] {"93.184.215.14", "8.8.8.8", "1.1.1.1", "[2606:4700:4700::1111]",
                "[2a00:1450:4001:82b::200e]", "198.20.0.1", "11.0.0.1"}) {
            assertThat(guard.check("https://" + host + "/hook").getHost()).isEqualTo(host);
            assertThat(guard.permitsDelivery(URI.create("https://" + host + "/hook"))).as(host).isTrue();
        }
        assertThatThrownBy(() -> guard.check("https://user:pw@8.8.8.8/x")).isInstanceOf(ByonException.class);
        assertThatThrownBy(() -> guard.check("http://8.8.8.8/x")).isInstanceOf(ByonException.class);
    }

    @Test
    void deliveryIsCheckedAgainstWhatTheNameResolvesToNow() {
        // a name accepted earlier that now resolves to loopback (DNS rebinding) is not delivered to
        assertThat(guard.permitsDelivery(URI.create("https://localhost/hook"))).isFalse();
        assertThat(new WebhookUrlGuard(true).permitsDelivery(URI.create("http://localhost/hook"))).isTrue();
    }
}
