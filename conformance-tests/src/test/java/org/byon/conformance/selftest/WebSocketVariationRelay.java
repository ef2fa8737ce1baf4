package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket relay between the suite and the reference gateway that varies every event frame the gateway
 * sends, each change one CloudEvents 1.0 and RFC 8259 allow: extension attributes added ({@code byonvariation},
 * {@code traceparent}), the attributes in reverse order, a property the schemas do not name added to every
 * object of {@code data}, {@code /} written {@code \/} and {@code a} written {@code \u0061} inside strings.
 * The gateway's close codes are passed on unchanged, a refused handshake as a refused handshake.
 * {@link VariationProxy} rewrites the channelURLs of its JSON answers to this relay, so the suite's event
 * tests read the varied frames. Server side of RFC 6455 by hand (the JDK has no WebSocket server); the
 * gateway side is the JDK's WebSocket client. Test code only; one thread per connection.
 */
final class WebSocketVariationRelay implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final ServerSocket server;
    private final String gatewayWs;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    /** Frames varied and passed on. */
    final AtomicInteger varied = new AtomicInteger();
    /** Close codes of the gateway passed on. */
    final AtomicInteger closesRelayed = new AtomicInteger();

    /** @param gatewayOrigin the gateway's http origin, e.g. {@code http://localhost:8080} */
    WebSocketVariationRelay(String gatewayOrigin) throws IOException {
        this.gatewayWs = gatewayOrigin.replaceFirst("^http", "ws");
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::acceptLoop, "ws-variation-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The gateway's WebSocket origin ({@code ws://host:port}) that channelURLs start with. */
    String gatewayWsOrigin() {
        return gatewayWs;
    }

    /** This relay's WebSocket origin. */
    String origin() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> relay(s), "ws-variation");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket s) {
        try (s) {
            s.setSoTimeout(0);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String target = lines[0].split(" ")[1];
            String key = null;
            for (String l : lines) {
                int c = l.indexOf(':');
                if (c > 0 && l.substring(0, c).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                    key = l.substring(c + 1).trim();
                }
            }
            Upstream upstream = new Upstream(out, s);
            WebSocket up;
            try {
                up = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(gatewayWs + target), upstream).get(10, TimeUnit.SECONDS);
            } catch (Exception refused) {
                // the gateway refused the handshake: so does the relay
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            upstream.open(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream din = new DataInputStream(in);
            while (true) {
                int b0 = din.read();
                if (b0 < 0) {
                    up.abort();
                    return;
                }
                int b1 = din.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = din.readUnsignedShort();
                } else if (len == 127) {
                    len = din.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    din.readFully(mask);
                }
                byte[] payload = new byte[(int) Math.min(len, 1 << 20)];
                din.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1000;
                    up.sendClose(code, "").exceptionally(e -> null);
                    return;
                } else if (opcode == 0x9) {
                    upstream.toSuite(0xA, payload);
                }
            }
        } catch (Exception e) {
            // the suite or the gateway went away: nothing to relay any more
        } finally {
            open.remove(s);
        }
    }

    /** The gateway side: varies every text frame and writes it to the suite; passes the gateway's close on. */
    private final class Upstream implements WebSocket.Listener {
        private final OutputStream out;
        private final Socket socket;
        private final StringBuilder text = new StringBuilder();
        /** Frames the gateway sent before the suite's handshake was answered (a replay arrives at once). */
        private final List<byte[][]> pending = new ArrayList<>();
        private boolean opened;

        Upstream(OutputStream out, Socket socket) {
            this.out = out;
            this.socket = socket;
        }

        /** Answers the suite's handshake, then passes on what the gateway sent meanwhile, in order. */
        synchronized void open(byte[] switchingProtocols) throws IOException {
            out.write(switchingProtocols);
            for (byte[][] f : pending) {
                writeFrame(out, f[0][0], f[1]);
            }
            pending.clear();
            opened = true;
            out.flush();
        }

        /**
         * Writes a frame to the suite, or queues it until the handshake is answered: the HttpClient's listener
         * thread never blocks (it did, waiting for the handshake, and so could stall the handshake itself).
         */
        private synchronized void toSuite(int opcode, byte[] payload) throws IOException {
            if (opened) {
                writeFrame(out, opcode, payload);
            } else {
                pending.add(new byte[][] {{(byte) opcode}, payload});
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = varyEvent(text.toString());
                text.setLength(0);
                try {
                    toSuite(0x1, frame.getBytes(StandardCharsets.UTF_8));
                    varied.incrementAndGet();
                } catch (Exception e) {
                    ws.abort();
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            try {
                byte[] r = reason.getBytes(StandardCharsets.UTF_8);
                byte[] payload = new byte[2 + r.length];
                payload[0] = (byte) (statusCode >> 8);
                payload[1] = (byte) statusCode;
                System.arraycopy(r, 0, payload, 2, r.length);
                toSuite(0x8, payload);
                closesRelayed.incrementAndGet();
            } catch (Exception e) {
                // the suite is gone already
            }
            return CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                    socket.close();
                } catch (Exception ignored) {
                    // closed
                }
            });
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** The conformant variations of one event frame (unchanged when it is not a JSON object). */
    static String varyEvent(String frame) {
        JsonNode tree;
        try {
            tree = JSON.readTree(frame);
        } catch (Exception e) {
            return frame;
        }
        if (tree == null || !tree.isObject()) {
            return frame;
        }
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        ObjectNode o = JSON.createObjectNode();
        // CloudEvents 1.0 extension attributes: lower-case letters and digits; consumers ignore the ones they do not know
        o.put("byonvariation", "a conformant variation");
        o.put("traceparent", TRACEPARENT);
        for (String k : names) {
            o.set(k, k.equals("data") ? VariationProxy.transform(tree.get(k)) : tree.get(k));
        }
        return VariationProxy.escape(o.toString());
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65536) {
            f.write(126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(127);
            f.write(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4 && b.size() < 16384) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed during the handshake");
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).startsWith("get ") ? b.toString(StandardCharsets.US_ASCII) : "GET / HTTP/1.1";
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closed
                }
            }
        }
    }
}
