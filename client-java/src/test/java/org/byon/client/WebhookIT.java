package org.byon.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server scenario of issue 14 against the reference gateway: bob's registration is on a webhook
 * channel received by a JDK {@link HttpServer} that mounts {@link ByonWebhook#handle}; alice calls bob,
 * the invitation arrives by webhook and bob's application answers it through the SDK.
 */
class WebhookIT {

    private static final String OFFER = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0\r\na=sendrecv\r\n";
    private static final String ANSWER = "v=0\r\no=bob 2 2 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n"
            + "m=audio 49172 RTP/AVP 0\r\na=sendrecv\r\n";
    private static final String HOOK_TOKEN = "hook-token-0123456789abcdef";

    private static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        // the shared gateway: the receiver listens on loopback over http, which it allows (the SSRF guard would not)
        gateway = Gateway.shared();
    }

    @Test
    void aCallAnnouncedByWebhookIsAnsweredThroughTheSdk() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<Integer> answered = new CopyOnWriteArrayList<>();
        Recorder bobEvents = new Recorder();
        try (ByonClient alice = gateway.client("alice"); ByonClient bob = gateway.client("bob")) {
            NotificationChannelHandle hook = bob.createWebhookChannel(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/byon/hook"), HOOK_TOKEN);
            ByonWebhook webhook = bob.webhook(hook.channelId(), HOOK_TOKEN, bobEvents);
            server.createContext("/byon/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = webhook.handle(exchange.getRequestHeaders(), body);
                answered.add(status);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            Registration bobReg = bob.register(hook);
            Registration aliceReg = alice.register(alice.openWebSocketChannel(e -> { }));

            Call call = aliceReg.call(bobReg.phoneNumber(), OFFER);
            ByonEvent.SessionInvitation invitation = bobEvents.await(ByonEvent.SessionInvitation.class, i -> true);
            assertThat(invitation.offerSdp()).isEqualTo(OFFER);
            invitation.call().answerAsync(ANSWER).get();

            assertThat(call.awaitStatus(CallStatus.CONNECTED, Duration.ofSeconds(10))).isTrue();
            assertThat(call.remoteSdp()).contains(ANSWER);
            call.hangUp();
            assertThat(invitation.call().awaitStatus(CallStatus.TERMINATED, Duration.ofSeconds(10)))
                    .as("bob's leg follows the session-status events delivered by webhook").isTrue();
            assertThat(answered).isNotEmpty().containsOnly(204);
            hook.close();
        } finally {
            server.stop(0);
        }
    }
}
