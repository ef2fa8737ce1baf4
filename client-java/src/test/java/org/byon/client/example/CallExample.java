package org.byon.client.example;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.byon.client.ByonClient;
import org.byon.client.ByonEvent;
import org.byon.client.Call;
import org.byon.client.CallStatus;
import org.byon.client.EventListener;
import org.byon.client.IncomingCall;
import org.byon.client.NotificationChannelHandle;
import org.byon.client.Registration;
import org.byon.client.TokenSource;

/**
 * A runnable walk-through against the reference gateway: registers alice and bob on WebSocket
 * channels, alice calls bob, bob's endpoint rings and answers, alice hangs up; every event is
 * printed.
 *
 * <p>Arguments (or environment): {@code [apiRoot] [tokenUrl]} ({@code BYON_API_ROOT},
 * {@code BYON_TOKEN_URL}); defaults {@code http://localhost:8080} and {@code <apiRoot>/oauth2/token}.
 * Subscribers and secrets are the gateway's demo ones ({@code alice}/{@code alice-secret},
 * {@code bob}/{@code bob-secret}).
 */
public final class CallExample {

    /**
     * An SDP offer as a browser's {@code RTCPeerConnection.createOffer()} produces it for one audio
     * track (Chromium, trimmed to the lines that matter; addresses from the documentation ranges of
     * RFC 5737). Pass your WebRTC stack's offer the same way: as one string with CRLF line ends.
     */
    static final String ALICE_OFFER = """
            v=0\r
            o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
            s=-\r
            t=0 0\r
            a=group:BUNDLE 0\r
            a=msid-semantic: WMS\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126\r
            c=IN IP4 0.0.0.0\r
            a=rtcp:9 IN IP4 0.0.0.0\r
            a=candidate:1467250027 1 udp 2122260223 192.0.2.10 54400 typ host generation 0\r
            a=candidate:435653019 1 udp 1686052607 198.51.100.7 54400 typ srflx raddr 192.0.2.10 rport 54400 generation 0\r
            a=ice-ufrag:Oyef\r
            a=ice-pwd:7MFSCsZ3ul2RDwqvYp2X2I1n\r
            a=ice-options:trickle\r
            a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F4:70:03:E7:43:91:73:23:5E\r
            a=setup:actpass\r
            a=mid:0\r
            a=sendrecv\r
            a=rtcp-mux\r
            a=rtpmap:111 opus/48000/2\r
            a=fmtp:111 minptime=10;useinbandfec=1\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:126 telephone-event/8000\r
            """;
    /** Bob's browser's answer to {@link #ALICE_OFFER}. */
    static final String BOB_ANSWER = """
            v=0\r
            o=- 2808844564 2 IN IP4 127.0.0.1\r
            s=-\r
            t=0 0\r
            a=group:BUNDLE 0\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111 126\r
            c=IN IP4 0.0.0.0\r
            a=candidate:2999745851 1 udp 2122260223 192.0.2.20 61020 typ host generation 0\r
            a=ice-ufrag:K5uS\r
            a=ice-pwd:qQ4P0pWL2h6mz3uE8H6dC1zB\r
            a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\r
            a=setup:active\r
            a=mid:0\r
            a=sendrecv\r
            a=rtcp-mux\r
            a=rtpmap:111 opus/48000/2\r
            a=rtpmap:126 telephone-event/8000\r
            """;

    private CallExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional API root and token URL
     * @throws Exception on any failure (the example is a script)
     */
    public static void main(String[] args) throws Exception {
        String apiRoot = args.length > 0 ? args[0] : env("BYON_API_ROOT", "http://localhost:8080");
        String tokenUrl = args.length > 1 ? args[1] : env("BYON_TOKEN_URL", trim(apiRoot) + "/oauth2/token");
        System.out.println("API root " + apiRoot + ", token URL " + tokenUrl);

        CompletableFuture<IncomingCall> bobsInvitation = new CompletableFuture<>();
        try (ByonClient alice = client(apiRoot, tokenUrl, "alice");
             ByonClient bob = client(apiRoot, tokenUrl, "bob")) {

            NotificationChannelHandle aliceChannel = alice.openWebSocketChannel(printing("alice", null));
            NotificationChannelHandle bobChannel = bob.openWebSocketChannel(printing("bob", bobsInvitation));
            Registration aliceReg = alice.register(aliceChannel);
            Registration bobReg = bob.register(bobChannel);
            System.out.println("alice registered as " + aliceReg.phoneNumber() + " (" + aliceReg.racmSessionId() + ")");
            System.out.println("bob   registered as " + bobReg.phoneNumber() + " (" + bobReg.racmSessionId() + ")");

            Call call = aliceReg.call(bobReg.phoneNumber(), ALICE_OFFER);
            System.out.println("alice calls bob: " + call);

            IncomingCall incoming = bobsInvitation.get(10, TimeUnit.SECONDS);
            incoming.ringing();
            require(call.awaitStatus(CallStatus.RINGING, Duration.ofSeconds(10)), "alice's call to ring");
            incoming.answer(BOB_ANSWER);
            require(call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(10)), "alice's call to connect");
            System.out.println("connected; alice got bob's answer unchanged: " + BOB_ANSWER.equals(call.remoteSdp().orElse(null)));

            // hold and resume return the SDP answer to the offer they send (its direction mirrored)
            String holdAnswer = call.hold(ALICE_OFFER.replace("a=sendrecv", "a=sendonly"));
            System.out.println("alice holds: " + call.status() + ", answer direction " + direction(holdAnswer));
            String resumeAnswer = call.resume(ALICE_OFFER);
            System.out.println("alice resumes: " + call.status() + ", answer direction " + direction(resumeAnswer));

            call.hangUp();
            require(call.awaitStatus(CallStatus.TERMINATED, Duration.ofSeconds(10)), "alice's call to end");
            require(incoming.awaitStatus(CallStatus.TERMINATED, Duration.ofSeconds(10)), "bob's leg to end");
            System.out.println("alice hung up; bob's leg ended with reason " + incoming.reason().orElse("-"));

            aliceReg.close();
            bobReg.close();
            Thread.sleep(300); // let the registration-ends events print
        }
        System.out.println("done");
    }

    private static ByonClient client(String apiRoot, String tokenUrl, String name) {
        return ByonClient.builder()
                .apiRoot(apiRoot)
                .tokenSource(TokenSource.clientCredentials(URI.create(tokenUrl), name, name + "-secret"))
                .build();
    }

    private static EventListener printing(String who, CompletableFuture<IncomingCall> invitations) {
        return new EventListener() {
            @Override
            public void onEvent(ByonEvent event) {
                String text;
                if (event instanceof ByonEvent.SessionInvitation inv) {
                    text = "session-invitation from " + inv.originatorAddress() + " (" + inv.call().voiceSessionId() + ")";
                } else if (event instanceof ByonEvent.SessionStatusChanged s) {
                    text = "session-status " + s.voiceSessionId() + " -> " + s.status()
                            + (s.reason() == null ? "" : " (" + s.reason() + ")");
                } else if (event instanceof ByonEvent.RegistrationEnded r) {
                    text = "registration-ends " + r.racmSessionId() + " (" + r.terminationReason() + ")";
                } else {
                    ByonEvent.ChannelEnded c = (ByonEvent.ChannelEnded) event;
                    text = "channel-ends " + c.channelId() + " (" + c.terminationReason() + ")";
                }
                System.out.printf("  [%-5s #%d] %s%n", who, event.sequence(), text);
                if (event instanceof ByonEvent.SessionInvitation inv && invitations != null) {
                    invitations.complete(inv.call());
                }
            }

            @Override
            public void onGap(long expected, long received) {
                System.out.printf("  [%-5s] events lost: expected #%d, got #%d%n", who, expected, received);
            }
        };
    }

    private static String direction(String sdp) {
        if (sdp == null) {
            return "(no answer)";
        }
        for (String d : new String[] {"sendrecv", "sendonly", "recvonly", "inactive"}) {
            if (sdp.contains("a=" + d)) {
                return d;
            }
        }
        return "sendrecv (default)";
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
