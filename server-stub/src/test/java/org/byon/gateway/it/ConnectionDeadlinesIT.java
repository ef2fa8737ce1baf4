package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.byon.gateway.GatewayApplication;
import org.byon.gateway.channel.Channel;
import org.byon.gateway.channel.ChannelEvent;
import org.byon.gateway.channel.ChannelService;
import org.byon.gateway.channel.EventType;
import org.byon.gateway.common.Owner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Connection-level deadlines and the WebSocket send-queue bound, with short settings: a slowloris client (one
 * header byte every 200 ms) is cut at the header-completion deadline; a WebSocket client that answers no ping is
 * closed at the idle deadline while one that does stays; a WebSocket client that never reads is closed with 1013
 * once its byte-bounded send queue is full, and far fewer bytes reach it than were published.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "byon.limits.header-completion-timeout=2s",
                "byon.limits.websocket-idle-timeout=2s",
                "byon.limits.websocket-ping-interval=500ms",
                "byon.limits.max-websocket-queue-bytes=262144",
                "logging.level.org.byon.gateway=WARN"
        })
class ConnectionDeadlinesIT {
    @LocalServerPort
    int port;
    @Autowired
    ChannelService channels;

    @Test
    void slowHeadersAreCutAtTheHeaderCompletionDeadline() throws Exception {
        byte[] request = ("GET /byon/v0.2/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Padding: " + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = new Thread(() -> {
                try {
                    // one byte every 200 ms: each read comes well within Tomcat's per-read timeout (10 s)
                    for (int i = 0; i < request.length && !stop.get(); i++) {
                        out.write(request[i]);
                        out.flush();
                        sent.incrementAndGet();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the gateway closed the connection
                }
            }, "slowloris");
            long start = System.nanoTime();
            trickle.start();
            int first;
            try {
                first = s.getInputStream().read();
            } catch (IOException e) {
                first = -1; // reset: closed as well
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            stop.set(true);
            trickle.join(5_000);
            assertThat(first).as("no response, the connection is closed").isEqualTo(-1);
            assertThat(elapsedMs).as("closed by the 2 s deadline, not at once nor by the 10 s read timeout")
                    .isBetween(1_800L, 8_000L);
            assertThat(sent.get()).as("the request was far from complete").isLessThan(request.length);
        }
        // the gateway still serves a normal request
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/byon/v0.2/channels")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void aWebSocketThatAnswersNoPingIsClosedAtTheIdleDeadlineAndOneThatDoesStays() throws Exception {
        Channel silent = channels.createWebSocket(new Owner("alice", "+447700900001"), null, "ws://127.0.0.1:" + port);
        Channel live = channels.createWebSocket(new Owner("bob", "+447700900002"), null, "ws://127.0.0.1:" + port);
        AtomicBoolean liveClosed = new AtomicBoolean();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(live.channelUrl()), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        liveClosed.set(true);
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        try (RawWebSocket raw = RawWebSocket.open(port, silent.channelUrl(), 65536)) {
            long start = System.nanoTime();
            int code = raw.readUntilClose(Duration.ofSeconds(15), null);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(code).as("closed by the idle deadline (1001 Going Away)").isEqualTo(1001);
            assertThat(raw.pings).as("the gateway pinged it first").isPositive();
            assertThat(elapsedMs).isBetween(1_500L, 10_000L);
        }
        // the client that answers pings (java.net.http does it by itself) outlives the deadline twice over
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> !liveClosed.get());
        ws.sendClose(1000, "done").get(5, java.util.concurrent.TimeUnit.SECONDS);
        channels.end(silent, org.byon.gateway.channel.ChannelEndReason.DELETED);
        channels.end(live, org.byon.gateway.channel.ChannelEndReason.DELETED);
    }

    @Test
    void clientTextUpToTheLimitIsIgnoredInPiecesAndALongerMessageIsClosedWith1009() throws Exception {
        Channel c = channels.createWebSocket(new Owner("dave", "+447700900004"), null, "ws://127.0.0.1:" + port);
        java.util.concurrent.atomic.AtomicInteger closeCode = new java.util.concurrent.atomic.AtomicInteger();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(c.channelUrl()), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closeCode.set(code);
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        // longer than the container's 128-character message buffer, within the 2,048-character limit: read in
        // pieces, ignored, the connection stays (twice: the count starts again with each message)
        int limit = org.byon.gateway.channel.NotificationWebSocketHandler.MAX_CLIENT_MESSAGE;
        ws.sendText("x".repeat(limit), true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText("y".repeat(limit), true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> closeCode.get() == 0);
        ws.sendText("z".repeat(limit + 1), true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> closeCode.get() != 0);
        assertThat(closeCode.get()).as("Message Too Big").isEqualTo(1009);
        channels.end(c, org.byon.gateway.channel.ChannelEndReason.DELETED);
    }

    @Test
    void aWebSocketClientThatNeverReadsIsClosedWith1013() throws Exception {
        Channel c = channels.createWebSocket(new Owner("carol", "+447700900003"), null, "ws://127.0.0.1:" + port);
        String sdp = "a=x-padding:" + "p".repeat(64 * 1024) + "\r\n";
        int events = 200;
        long publishedBytes;
        try (RawWebSocket raw = RawWebSocket.open(port, c.channelUrl(), 4096)) {
            // attached once its handshake is done: wait for the channel to take the connection
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                channels.publish(c.id(), new ChannelEvent(EventType.SESSION_STATUS, "/probe", Map.of("probe", "1")));
                return raw.in.available() > 0;
            });
            // the client writes (pongs, so the idle deadline stays away) but reads nothing while 12.8 MB are published
            raw.pong();
            int before = c.retainedEvents().size();
            for (int i = 0; i < events; i++) {
                channels.publish(c.id(), new ChannelEvent(EventType.SESSION_STATUS, "/slow",
                        Map.of("sdp", sdp, "n", Integer.toString(i))));
                if (i % 20 == 0) {
                    raw.pong();
                }
            }
            assertThat(c.retainedEvents().size()).as("published (the newest retained)").isGreaterThan(before);
            publishedBytes = (long) events * sdp.length();
            // now it reads: what was queued before the bound, then the 1013 close
            int code = raw.readUntilClose(Duration.ofSeconds(30), raw::pongQuietly);
            assertThat(code).as("closed as too slow (1013 Try Again Later)").isEqualTo(1013);
            assertThat(raw.textBytes).as("the queue was bounded: most events never left the gateway's memory for this socket")
                    .isLessThan(publishedBytes / 2);
        }
        assertThat(c.retainedEvents()).as("the events stay retained (bounded in bytes) for a reconnect with lastSequence")
                .isNotEmpty();
        channels.end(c, org.byon.gateway.channel.ChannelEndReason.DELETED);
    }

    /** A minimal RFC 6455 client over a plain socket, so the test decides when (and whether) it reads. */
    static final class RawWebSocket implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        int pings;
        long textBytes;

        private RawWebSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static RawWebSocket open(int port, String url, int receiveBuffer) throws IOException {
            Socket s = new Socket();
            s.setReceiveBufferSize(receiveBuffer);
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(15_000);
            RawWebSocket ws = new RawWebSocket(s);
            String path = URI.create(url).getRawPath();
            ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = ws.in.read();
                if (b < 0) {
                    throw new EOFException("closed during the handshake: " + head);
                }
                head.write(b);
            }
            assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
            return ws;
        }

        /** Reads frames until a close frame (its code) or the end of the stream (-1), bounded by {@code limit}. */
        int readUntilClose(Duration limit, Runnable onPing) throws IOException {
            long end = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end) {
                int b0;
                try {
                    b0 = in.read();
                } catch (IOException e) {
                    return -1;
                }
                if (b0 < 0) {
                    return -1;
                }
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = in.readNBytes((int) len);
                int opcode = b0 & 0x0f;
                if (opcode == 8) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                } else if (opcode == 9) {
                    pings++;
                    if (onPing != null) {
                        onPing.run();
                    }
                } else if (opcode == 1 || opcode == 0) {
                    textBytes += payload.length;
                }
            }
            throw new AssertionError("no close within " + limit);
        }

        /** An unsolicited, masked, empty pong (RFC 6455 5.5.3: a unidirectional heartbeat). */
        void pong() throws IOException {
            out.write(new byte[] {(byte) 0x8A, (byte) 0x80, 1, 2, 3, 4});
            out.flush();
        }

        void pongQuietly() {
            try {
                pong();
            } catch (IOException e) {
                // closing
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
