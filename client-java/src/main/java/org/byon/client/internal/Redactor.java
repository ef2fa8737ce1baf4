package org.byon.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and SDPs from text meant for logs and {@code toString()}: bearer tokens,
 * {@code access_token} / {@code notificationAuthToken} values and credential query parameters become
 * {@code ***}; an SDP (which carries the endpoint's addresses and ICE candidates) becomes
 * {@code <sdp N bytes>}. Stateless and thread-safe.
 */
public final class Redactor {

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:access_token|refresh_token|id_token|notificationAuthToken|client_secret|sdp)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&](?:access_token|token|key|secret|auth|ticket)[^=&\\s]*=)[^&\\s\"]+");
    /** An SDP: {@code v=0} and the {@code x=...} lines that follow, with real line ends. */
    private static final Pattern SDP = Pattern.compile("v=0\\r?\\n(?:[a-z]=[^\\r\\n]*(?:\\r?\\n|$))*");
    /** An SDP inside a JSON string: line ends escaped as {@code \r\n} or {@code \n}. */
    private static final Pattern JSON_SDP = Pattern.compile("v=0(?:\\\\r)?\\\\n(?:[a-z]=(?:[^\"\\\\]|\\\\[^rn])*(?:(?:\\\\r)?\\\\n)?)*");

    private Redactor() {
    }

    /** @return {@code text} without secrets and SDPs; {@code null} stays {@code null} */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = SDP.matcher(text).replaceAll(m -> Matcher.quoteReplacement(sdp(m.group())));
        s = JSON_SDP.matcher(s).replaceAll(m -> Matcher.quoteReplacement(sdp(m.group())));
        s = BEARER.matcher(s).replaceAll("$1 ***");
        s = JSON_SECRET.matcher(s).replaceAll("$1***\"");
        return QUERY_SECRET.matcher(s).replaceAll("$1***");
    }

    /** @return a stand-in for an SDP: its size only */
    public static String sdp(String sdp) {
        return sdp == null ? null : "<sdp " + sdp.getBytes(StandardCharsets.UTF_8).length + " bytes>";
    }
}
