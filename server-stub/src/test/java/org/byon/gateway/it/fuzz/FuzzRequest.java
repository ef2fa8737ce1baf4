package org.byon.gateway.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request: method, raw request target, raw header lines and body bytes. {@code label} names the
 * operation and what was generated for it (for the counts and the first failures).
 */
public record FuzzRequest(String label, String method, String target, List<String[]> headers, byte[] body,
                          boolean declareLength) {

    /** The bytes on the wire; header names and values are sent as ISO-8859-1 (raw bytes, as generated). */
    public byte[] wire(int port) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        b.append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (body != null && declareLength) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(head, 0, head.length);
        if (body != null) {
            out.write(body, 0, body.length);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        String t = target.length() > 120 ? target.substring(0, 120) + "..." : target;
        String bodyText = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return label + " " + method + " " + t + " body=" + bodyText.replaceAll("\\p{Cntrl}", "?");
    }
}
