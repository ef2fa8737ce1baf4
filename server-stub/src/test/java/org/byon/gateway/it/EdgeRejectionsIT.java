package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The two rejections that leave a request unread, a header section over the limit (431) and a declared body over
 * {@code byon.limits.max-body-size} (413): an ErrorInfo with the request's x-correlator and {@code Connection: close}
 * (RFC 9112 9.6), on a keep-alive connection the client opened; after a 431 the connection is closed at once.
 */
class EdgeRejectionsIT extends GatewayITSupport {

    @Test
    void anOversizedHeaderSectionGets431AndTheConnectionClosesSayingSo() throws Exception {
        String request = "GET /byon/v0.2/channels HTTP/1.1\r\nHost: 127.0.0.1\r\nx-correlator: edge-431\r\n"
                + "X-Padding: " + "a".repeat(20_000) + "\r\n\r\n";
        Answer a = exchange(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(a.text).startsWith("HTTP/1.1 431");
        assertThat(a.head()).contains("connection: close").contains("x-correlator: edge-431");
        assertThat(a.text).contains("\"code\":\"HEADER_FIELDS_TOO_LARGE\"");
        assertThat(a.closed).as("the gateway closed the connection").isTrue();
    }

    @Test
    void aDeclaredBodyOverTheLimitGets413AtOnceSayingTheConnectionCloses() throws Exception {
        // only the head and a few bytes of the declared 10 MB: the answer must not wait for the body
        String head = "POST /byon/v0.2/channels HTTP/1.1\r\nHost: 127.0.0.1\r\nx-correlator: edge-413\r\n"
                + "Authorization: Bearer " + token("alice") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000\r\n\r\n{\"channelType\":";
        Answer a = exchange(head.getBytes(StandardCharsets.US_ASCII));
        assertThat(a.text).startsWith("HTTP/1.1 413");
        assertThat(a.head()).contains("connection: close").contains("x-correlator: edge-413");
        assertThat(a.text).contains("\"code\":\"CONTENT_TOO_LARGE\"");
        // the gateway then reads and discards what the client still sends (up to Tomcat's max-swallow-size) before it
        // closes, so that a client writing its body gets the answer instead of a reset (RFC 9112 9.6)
    }

    record Answer(String text, boolean closed) {
        String head() {
            int end = text.indexOf("\r\n\r\n");
            return (end < 0 ? text : text.substring(0, end)).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Writes the bytes and keeps the connection open (no Connection: close); reads until the server closes, or for 5 s
     * (half the gateway's 10 s read deadline, so a gateway that waits for more of the request is seen as not closing).
     */
    private Answer exchange(byte[] request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(5_000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
            } catch (java.io.IOException e) {
                // answered and closed before the whole request was written
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            boolean closed = false;
            try {
                for (int n; out.size() < 1 << 20; ) {
                    n = in.read(buf);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    out.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (java.net.SocketException e) {
                closed = true; // reset after the answer
            }
            return new Answer(out.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }
}
