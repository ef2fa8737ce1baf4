package org.byon.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.byon.gateway.network.Binding;
import org.byon.gateway.network.NetworkRefusal;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.Origination;
import org.byon.gateway.network.OutgoingObserver;
import org.byon.gateway.network.SubscriberDirectory;
import org.junit.jupiter.api.Test;

/** The SIP adapter with its P-CSCF unreachable: nothing hangs, every request ends with a defined outcome. */
class SipUnreachableCoreTest {
    static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n";

    @Test
    void anUnansweredRegisterIsAnUnansweredRefusalAndAnInviteFails504() throws Exception {
        int dead;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // nothing listens there once closed
        }
        SipSettings settings = new SipSettings("udp", "127.0.0.1", 0, "127.0.0.1:" + dead, null, "ims.example.org",
                Duration.ofMillis(800), Duration.ofSeconds(1), Map.of(), Duration.ofMinutes(10));
        NetworkScheduler scheduler = new NetworkScheduler(2);
        SipNetwork sip = new SipNetwork(settings, new SubscriberDirectory(SubscriberDirectory.DEMO), scheduler);
        try {
            NetworkRefusal refusal = catchThrowableOfType(NetworkRefusal.class, () -> sip.register(new Binding(
                    "racm-1", "+447700900001", UUID.randomUUID(), Instant.now().plusSeconds(60))));
            assertThat(refusal).isNotNull();
            assertThat(refusal.unanswered()).isTrue();
            assertThat(refusal.code()).isEqualTo(408);

            List<Integer> failures = new CopyOnWriteArrayList<>();
            List<String> other = new CopyOnWriteArrayList<>();
            sip.originate(new Origination("call-unreachable", "racm-1", "+447700900001", "tel:+447700900100",
                    "+447700900100", OFFER), new OutgoingObserver() {
                @Override
                public void provisional(int code, String earlyAnswer) {
                    other.add("provisional " + code);
                }

                @Override
                public void answered(String answer) {
                    other.add("answered");
                }

                @Override
                public void failed(int code) {
                    failures.add(code);
                }

                @Override
                public void hungUp() {
                    other.add("hungUp");
                }

                @Override
                public String reOffered(String offer) {
                    return null;
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
            assertThat(failures).containsExactly(504); // nothing answered at all: Failed / NETWORK_FAILURE
            assertThat(other).isEmpty();
        } finally {
            sip.close();
            scheduler.close();
        }
    }
}
