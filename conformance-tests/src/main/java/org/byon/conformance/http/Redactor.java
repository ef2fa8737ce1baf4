package org.byon.conformance.http;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from everything the suite prints or writes: registered secret values (tokens,
 * client secrets, webhook credentials, WebSocket channel URLs), anything that looks like a JWT,
 * bearer and basic credentials, and JSON fields that carry credentials. Thread-safe.
 */
public final class Redactor {
    public static final String MASK = "***";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:notificationAuthToken|access_token|refresh_token|id_token|client_secret|clientSecret|token)\"\\s*:\\s*\")([^\"]*)(\")");
    private static final Pattern FORM_SECRET = Pattern.compile("(?i)\\b(client_secret|access_token)=([^&\\s]+)");
    private static final Pattern WS_URL = Pattern.compile("(wss?://[^/\\s\"']+)(/[^\\s\"'?]*)");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Registers a secret value; it is masked wherever it appears. Values shorter than 6 characters are ignored. */
    public void addSecret(String value) {
        if (value != null && value.length() >= 6) {
            secrets.add(value);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(s, MASK);
        }
        out = SECRET_FIELD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        out = AUTH_HEADER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        out = JWT.matcher(out).replaceAll(MASK);
        out = FORM_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
        out = WS_URL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + redactWsPath(m.group(2))));
        return out;
    }

    /** A WebSocket channel URL's path holds the channel credential: keep the first segments, mask the last. */
    private static String redactWsPath(String path) {
        int last = path.lastIndexOf('/');
        if (last <= 0 || last == path.length() - 1) {
            return path;
        }
        return path.substring(0, last + 1) + MASK;
    }

    /** Header values that are always secret, whatever their content. */
    public String redactHeader(String name, String value) {
        String n = name.toLowerCase();
        if (n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie") || n.equals("set-cookie")) {
            int sp = value.indexOf(' ');
            return sp > 0 ? value.substring(0, sp) + " " + MASK : MASK;
        }
        return redact(value);
    }
}
