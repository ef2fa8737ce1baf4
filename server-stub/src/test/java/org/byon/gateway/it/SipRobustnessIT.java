package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.byon.gateway.sip.SipNetwork;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What real networks do to the SIP adapter, produced by the lab: the core (Kamailio) restarted or gone in the
 * middle of calls, duplicated responses, forked provisional responses with different to-tags, a 2xx crossing
 * the CANCEL, stray responses and malformed SIP. Each leg ends with exactly one terminal event.
 */
class SipRobustnessIT extends SipGatewayITSupport {
    private static final String SECRET = "d41d8cd98f00b204e9800998ecf8427e-secret";

    @Autowired
    private SipNetwork sipNetwork;

    private String call(Endpoint from, String number) throws ApiException {
        return voice(from.name()).createVoiceSession(callTo(from, number), null).getVoiceSessionId();
    }

    /** Exactly one terminal status (Status/REASON), and it stays the only one. */
    private static void oneTerminal(WsEvents ws, String id) {
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> ws.statuses(id).stream().filter(s -> s.contains("/")).count() == 1);
    }

    @Test
    void aCoreRestartMidCallLosesNoCallAndTheRefreshBringsTheBindingsBack() throws Exception {
        ImsLab lab = ImsLab.get();
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        String id = call(alice, "+447700900100");
        alice.ws().awaitStatuses(id, "Connected");
        lab.core("restart"); // Kamailio's location store is empty now
        // bob's binding is back after the next refresh (byon.sip.refresh-limit=2s): a call reaches him again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Process caller = lab.call("uac_call_fail", "+447700900002");
            await().atMost(Duration.ofSeconds(8)).until(() -> !caller.isAlive() || !bob.ws().invitations().isEmpty());
            if (!bob.ws().invitations().isEmpty()) {
                voice("bob").updateVoiceSessionStatus(bob.ws().invitations().get(0),
                        new VoiceSessionStatusChange().status(VoiceSessionStatusRequest.DECLINED), null);
            }
            assertThat(ImsLab.exit(caller)).as("480 while the binding is lost, 603 once it is back").isZero();
            return !bob.ws().invitations().isEmpty();
        });
        // the call set up through the old core still hangs up through the new one (loose routing, no state)
        voice("alice").deleteVoiceSession(id, null);
        assertThat(alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP")).containsExactly("InProgress", "Ringing",
                "Connected", "Terminated/LOCAL_HANGUP");
        oneTerminal(alice.ws(), id);
        assertThat(alice.ws().events).noneMatch(e -> e.path("type").asText().endsWith("registration-ends"));
    }

    @Test
    void aCoreThatStopsAnsweringEndsTheRegistrationNetworkTerminatedAndItsCallOnce() throws Exception {
        ImsLab lab = ImsLab.get();
        Endpoint dave = register("dave");
        String id = call(dave, "+447700900100");
        dave.ws().awaitStatuses(id, "Connected");
        lab.core("stop");
        try {
            // the next refresh (2 s) is not answered within byon.sip.request-timeout (3 s)
            await().atMost(Duration.ofSeconds(15)).until(() -> dave.ws().events.stream()
                    .anyMatch(e -> e.path("type").asText().endsWith("registration-ends")));
            assertThat(dave.ws().awaitType("registration-ends").path("data").path("terminationReason").asText())
                    .isEqualTo("NETWORK_TERMINATED");
            await().atMost(Duration.ofSeconds(5)).until(() -> dave.ws().statuses(id).stream()
                    .anyMatch(s -> s.startsWith("Terminated/")));
            oneTerminal(dave.ws(), id);
            ApiException e = catchApi(() -> register("dave")); // nothing answers the REGISTER
            assertError(e, 503, "UNAVAILABLE");
        } finally {
            lab.core("start");
        }
        Endpoint again = register("dave"); // the core is back: registering works again
        assertThat(again.racmSessionId()).isNotBlank();
    }

    @Test
    void duplicatedProvisionalsAnd2xxRetransmissionsAreOneRingingAndOneConnected() throws Exception {
        Endpoint alice = register("alice");
        String id = call(alice, "+447700900111");
        alice.ws().awaitStatuses(id, "Connected");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> alice.ws().statuses(id).equals(List.of("Ringing", "Connected")));
        voice("alice").deleteVoiceSession(id, null);
        assertThat(alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP")).containsExactly("Ringing", "Connected",
                "Terminated/LOCAL_HANGUP");
        oneTerminal(alice.ws(), id);
    }

    @Test
    void a2xxCrossingTheCancelIsAckedAndHungUpWithBye() throws Exception {
        Endpoint alice = register("alice");
        ImsLab lab = ImsLab.get();
        long done = lab.farEnd("uas_late2xx", "SuccessfulCall");
        String id = call(alice, "+447700900110");
        alice.ws().awaitStatuses(id, "Ringing");
        voice("alice").deleteVoiceSession(id, null);
        assertThat(alice.ws().awaitStatuses(id, "SessionCancelled/LOCAL_HANGUP")).containsExactly("Ringing",
                "SessionCancelled/LOCAL_HANGUP");
        oneTerminal(alice.ws(), id);
        // the far end's scenario only completes with the ACK and the BYE for its 200 OK
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.farEnd("uas_late2xx", "SuccessfulCall") == done + 1);
        assertThat(lab.farEnd("uas_late2xx", "FailedCall")).isZero();
    }

    @Test
    void forkedProvisionalsWithDifferentToTagsThenOneForkAnswersTheOtherIsCancelled() throws Exception {
        ImsLab lab = ImsLab.get();
        int ringPort = ImsLab.freePort();
        int answerPort = ImsLab.freePort();
        Process ringing = lab.sipp("phone_ring", "+447700900003", ringPort, "-m", "1");
        Process answering = lab.sipp("phone_answer", "+447700900003", answerPort, "-m", "1");
        for (int port : new int[] {ringPort, answerPort}) {
            assertThat(ImsLab.exit(lab.call("register", "+447700900003", "-au", "+447700900003", "-ap", "carol-sip",
                    "-set", "contact_host", "127.0.0.1", "-set", "contact_port", Integer.toString(port),
                    "-set", "expires", "60"))).isZero();
        }
        try {
            Endpoint alice = register("alice");
            String id = call(alice, "+447700900003");
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.ws().statuses(id).contains("Connected"));
            voice("alice").deleteVoiceSession(id, null);
            List<String> statuses = new java.util.ArrayList<>(alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP"));
            // one fork's 183 may arrive after the other's 180: the status never goes back from Ringing
            if (!statuses.isEmpty() && statuses.get(0).equals("InProgress")) {
                statuses.remove(0);
            }
            assertThat(statuses).containsExactly("Ringing", "Connected", "Terminated/LOCAL_HANGUP");
            oneTerminal(alice.ws(), id);
            assertThat(ImsLab.exit(ringing)).as("the ringing fork is cancelled with Reason cause=200: "
                    + lab.log("phone_ring", ringPort)).isZero();
            assertThat(ImsLab.exit(answering)).as("the answering fork gets ACK and BYE: "
                    + lab.log("phone_answer", answerPort)).isZero();
        } finally {
            for (int port : new int[] {ringPort, answerPort}) {
                ImsLab.exit(lab.call("register", "+447700900003", "-au", "+447700900003", "-ap", "carol-sip",
                        "-set", "contact_host", "127.0.0.1", "-set", "contact_port", Integer.toString(port),
                        "-set", "expires", "0"));
            }
        }
    }

    @Test
    void malformedSipAndStrayResponsesAreLoggedWithoutSecretsAndNeverBreakACall() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Endpoint alice = register("alice");
            String id = call(alice, "+447700900100");
            alice.ws().awaitStatuses(id, "Connected");
            String here = "127.0.0.1:" + udp.getLocalPort();
            String gw = "127.0.0.1:" + sipNetwork.port();
            List<String> junk = List.of(
                    "\u0000\u0001\u00ff garbage \r\n\r\n",
                    "INVITE sip:x@" + gw + " SIP/2.0\r\nVia: ???\r\nCSeq: nope\r\nAuthorization: Digest username=\"alice\", "
                            + "response=\"" + SECRET + "\"\r\nContent-Length: 9999\r\n\r\nv=0",
                    "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP " + gw + ";branch=z9hG4bKstray\r\nFrom: <sip:a@x>;tag=1\r\n"
                            + "To: <sip:b@x>;tag=2\r\nCall-ID: stray-" + SECRET + "\r\nCSeq: 1 INVITE\r\n"
                            + "Content-Length: 0\r\n\r\n",
                    "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP " + gw + ";branch=z9hG4bKlate\r\nFrom: <sip:a@x>;tag=1\r\n"
                            + "To: <sip:b@x>;tag=3\r\nCall-ID: late\r\nCSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n");
            for (String m : junk) {
                byte[] b = m.getBytes(StandardCharsets.ISO_8859_1);
                udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), sipNetwork.port()));
            }
            // a well-formed BYE for a dialog that does not exist: the gateway is alive and answers 481
            String bye = "BYE sip:nobody@" + gw + " SIP/2.0\r\nVia: SIP/2.0/UDP " + here + ";branch=z9hG4bKbye1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\nCall-ID: nodialog\r\n"
                    + "CSeq: 2 BYE\r\nAuthorization: Digest username=\"alice\", response=\"" + SECRET + "\"\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] b = bye.getBytes(StandardCharsets.ISO_8859_1);
            udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), sipNetwork.port()));
            udp.setSoTimeout(5000);
            DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
            String answer;
            try {
                udp.receive(in);
                answer = new String(in.getData(), 0, in.getLength(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                answer = "(no answer)";
            }
            assertThat(answer).startsWith("SIP/2.0 481");
            // the call is untouched: hold still works, then the hang-up
            assertThat(voice("alice").updateVoiceSessionStatus(id, new VoiceSessionStatusChange()
                    .status(VoiceSessionStatusRequest.HOLD).offer(new SdpDescriptor().sdp(SipOutgoingIT.HOLD_OFFER)),
                    null).getStatus().getValue()).isEqualTo("Hold");
            voice("alice").deleteVoiceSession(id, null);
            assertThat(alice.ws().awaitStatuses(id, "Terminated/LOCAL_HANGUP")).containsExactly("InProgress",
                    "Ringing", "Connected", "Hold", "Terminated/LOCAL_HANGUP");
            oneTerminal(alice.ws(), id);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(SECRET)
                || (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                && e.getThrowableProxy().getMessage().contains(SECRET)));
    }
}
