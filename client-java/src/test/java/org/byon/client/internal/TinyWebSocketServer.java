package org.byon.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal RFC 6455 server for tests: accepts connections, records their request targets, and lets
 * the test send text frames, close with a code, or drop the TCP connection abruptly. Thread-safe.
 */
final class TinyWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    final List<String> requestTargets = new CopyOnWriteArrayList<>();
    private volatile Socket current;

    TinyWebSocketServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tiny-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "ws://localhost:" + server.getLocalPort() + path;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                handshake(s);
                current = s;
                Thread reader = new Thread(() -> readFrames(s), "tiny-ws-read");
                reader.setDaemon(true);
                reader.start();
            } catch (Exception e) {
                // closed
            }
        }
    }

    private void handshake(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String key = null;
        for (String line : lines) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        requestTargets.add(lines[0].split(" ")[1]);
        String accept = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads (and discards) client frames; answers a close frame with a close frame. */
    private void readFrames(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return;
                }
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                in.readNBytes(4); // mask
                in.readNBytes((int) len);
                if ((b0 & 0x0f) == 0x8) {
                    synchronized (this) {
                        write(s, 0x88, new byte[] {0x03, (byte) 0xe8});
                    }
                    s.close();
                    return;
                }
            }
        } catch (IOException e) {
            // dropped
        }
    }

    private static void write(Socket s, int opcodeByte, byte[] payload) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(opcodeByte);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >> (8 * i)) & 0xff);
            }
        }
        out.write(payload);
        out.flush();
    }

    synchronized void send(String text) throws IOException {
        write(current, 0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    synchronized void close(int code) throws IOException {
        write(current, 0x88, new byte[] {(byte) (code >> 8), (byte) (code & 0xff)});
    }

    /** Drops the TCP connection without a close handshake, like a network failure. */
    void drop() throws IOException {
        current.close();
    }

    int connections() {
        return requestTargets.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
