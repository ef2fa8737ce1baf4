package org.byon.gateway.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;

/**
 * The SSRF guard for webhook {@code notificationUrl}s (OWASP SSRF prevention): https only; a host written as a
 * number must be a canonical dotted-quad (no octal {@code 0177.0.0.1}, hex {@code 0x7f.1}, short {@code 127.1} or
 * integer {@code 2130706433} forms, which other software reads differently); and every address the host resolves
 * to must be public ({@link InternalAddresses}). {@link #permitsDelivery} checks again before each delivery, so a
 * name that later resolves to an internal address (DNS rebinding) is not posted to.
 * {@code byon.webhook.allow-insecure-urls=true} (tests only) accepts http and any address.
 */
public final class WebhookUrlGuard {
    private static final Pattern NUMERIC_HOST = Pattern.compile("^[0-9a-fA-FxX.]+$");
    private static final Pattern CANONICAL_V4 = Pattern.compile(
            "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");
    private final boolean allowInsecure;
    private final InternalAddresses internal = new InternalAddresses();
    private final Resolver resolver;

    /** Name resolution, a seam for tests: the system resolver in the gateway. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The host resolved to an address the guard refuses (raised at connect time, so no connection is made). */
    public static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super(host + ": refused by the SSRF guard");
        }
    }

    public WebhookUrlGuard(boolean allowInsecure) {
        this(allowInsecure, InetAddress::getAllByName);
    }

    public WebhookUrlGuard(boolean allowInsecure, Resolver resolver) {
        this.allowInsecure = allowInsecure;
        this.resolver = resolver;
    }

    /**
     * Delivery time (DNS rebinding): resolves {@code host} once and returns the addresses to connect to, each
     * checked; the webhook client connects to exactly these (with the original Host and TLS server name), so no
     * second lookup can return another address. Refused: {@link RefusedAddressException}.
     */
    public InetAddress[] checkedAddresses(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(h);
        if (!allowInsecure) {
            for (InetAddress a : addresses) {
                if (internal.isInternal(a)) {
                    throw new RefusedAddressException(host);
                }
            }
        }
        return addresses;
    }

    /** @return the parsed URI; @throws ByonException 400 if malformed, 422 if refused */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw ByonException.invalid("notificationUrl is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw ByonException.invalid("notificationUrl must be an absolute https URL");
        }
        if (allowInsecure) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw refused("notificationUrl must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("notificationUrl must not carry user information");
        }
        String reason = refusal(uri.getHost());
        if (reason != null) {
            throw refused(reason);
        }
        return uri;
    }

    /** Checked again right before a delivery: false when the host now resolves to an internal address. */
    public boolean permitsDelivery(URI uri) {
        return allowInsecure || uri.getHost() != null && refusal(uri.getHost()) == null;
    }

    private String refusal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (NUMERIC_HOST.matcher(h).matches() && !h.contains(":") && looksNumeric(h) && !CANONICAL_V4.matcher(h).matches()) {
            return "notificationUrl host " + host + " is not a canonical IPv4 address";
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException | SecurityException e) {
            return "notificationUrl host cannot be resolved";
        }
        for (InetAddress a : addresses) {
            if (internal.isInternal(a)) {
                return "notificationUrl resolves to a loopback, private or otherwise internal address";
            }
        }
        return null;
    }

    /** Digits, dots and hex notation only, with at least one digit or 0x: a host name would have other letters. */
    private static boolean looksNumeric(String h) {
        String lower = h.toLowerCase(Locale.ROOT);
        return lower.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                || lower.matches("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*$");
    }

    private static ByonException refused(String message) {
        return new ByonException(ErrorCode.NOTIFICATION_URL_NOT_ALLOWED, message);
    }

    /** For tests and the delivery path: whether this address is one the guard refuses. */
    boolean isInternal(InetAddress a) {
        return internal.isInternal(a);
    }
}
