package org.byon.gateway.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.byon.gateway.common.Owner;
import org.byon.gateway.network.NetworkScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery connects to the address the SSRF guard checked: the guard is the delivery client's resolver
 * (a seam here), so a host is looked up once per connection and that very answer is both checked and used.
 */
class WebhookPinningTest {
    private HttpServer receiver;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final NetworkScheduler scheduler = new NetworkScheduler(1);
    private WebhookSender sender;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        if (sender != null) {
            sender.close();
        }
    }

    private static Channel webhook(String url) {
        return new Channel("ch-" + System.nanoTime(), new Owner("alice", "+447700900001"), ChannelType.WEBHOOK,
                Instant.now(), Instant.now().plusSeconds(600), null, null, url, "secret-token", null);
    }

    private static RetainedEvent event(long n) {
        return new RetainedEvent(n, Instant.now(), "test", "{\"sequence\":" + n + "}");
    }

    @Test
    void deliveryConnectsToTheResolvedAddressWithTheOriginalHost() {
        AtomicInteger lookups = new AtomicInteger();
        // "hooks.example" has no DNS record anywhere (RFC 2606): only the seam's answer can reach the receiver
        WebhookUrlGuard guard = new WebhookUrlGuard(true, host -> {
            lookups.incrementAndGet();
            assertThat(host).isEqualTo("hooks.example");
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        sender = new WebhookSender(scheduler, WebhookPolicy.STANDARD, 1, Duration.ofMillis(50), Duration.ofSeconds(5), guard);
        int port = receiver.getAddress().getPort();
        Channel c = webhook("http://hooks.example:" + port + "/hook");
        sender.deliver(c, event(1));
        sender.deliver(c, event(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> hosts.size() == 2);
        assertThat(hosts).containsOnly("hooks.example:" + port);
        assertThat(lookups.get()).as("one lookup per connection, none by anything else").isBetween(1, 2);
    }

    @Test
    void aNameThatNowResolvesInternallyIsNeverConnectedTo() {
        AtomicInteger lookups = new AtomicInteger();
        // accepted while it resolved to a public address (at channel creation), rebound to loopback since
        WebhookUrlGuard guard = new WebhookUrlGuard(false, host -> {
            if (lookups.incrementAndGet() == 1) {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {8, 8, 8, 8})};
            }
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        });
        int port = receiver.getAddress().getPort();
        String url = "https://rebind.example:" + port + "/hook";
        assertThat(guard.check(url)).isNotNull(); // the first answer is public: accepted
        List<ChannelEndReason> ends = new CopyOnWriteArrayList<>();
        sender = new WebhookSender(scheduler, WebhookPolicy.STANDARD, 2, Duration.ofMillis(50), Duration.ofSeconds(5), guard);
        sender.onChannelGone((id, reason) -> ends.add(reason));
        sender.deliver(webhook(url), event(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ends.isEmpty());
        assertThat(ends).containsExactly(ChannelEndReason.DELIVERY_FAILED);
        assertThat(lookups.get()).as("check + one per attempt").isEqualTo(3);
        assertThat(hosts).as("nothing reached the internal address").isEmpty();
    }

    @Test
    void theSeamIsTheOnlyResolver() throws UnknownHostException {
        WebhookUrlGuard guard = new WebhookUrlGuard(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThat(guard.permitsDelivery(java.net.URI.create("https://example.com/hook"))).isFalse();
    }
}
