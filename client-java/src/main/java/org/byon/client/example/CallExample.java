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

    private static final String ALICE_OFFER = """
            v=0\r
            o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r
            s=-\r
            c=IN IP4 192.0.2.10\r
            t=0 0\r
            m=audio 49170 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            a=sendrecv\r
            """;
    private static final String BOB_ANSWER = """
            v=0\r
            o=bob 2808844564 2808844564 IN IP4 192.0.2.20\r
            s=-\r
            c=IN IP4 192.0.2.20\r
            t=0 0\r
            m=audio 49172 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            a=sendrecv\r
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
