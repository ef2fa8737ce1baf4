package org.byon.conformance.http;

import java.util.List;
import java.util.Map;

/** A redacted curl command line that reproduces an exchange. */
public final class Curl {
    private Curl() {
    }

    public static String of(Exchange ex, Redactor redactor) {
        StringBuilder sb = new StringBuilder("curl -sS -i -X ").append(ex.method()).append(' ').append(quote(redactor.redact(ex.url())));
        for (Map.Entry<String, List<String>> h : ex.requestHeaders().entrySet()) {
            for (String v : h.getValue()) {
                String value = h.getKey().equalsIgnoreCase("authorization") ? authPlaceholder(v) : redactor.redactHeader(h.getKey(), v);
                sb.append(" -H ").append(quote(h.getKey() + ": " + value));
            }
        }
        if (ex.requestBody() != null) {
            sb.append(" --data-raw ").append(quote(redactor.redact(ex.requestBody())));
        }
        return sb.toString();
    }

    private static String authPlaceholder(String v) {
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer $BYON_TOKEN" : "$BYON_AUTHORIZATION";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
