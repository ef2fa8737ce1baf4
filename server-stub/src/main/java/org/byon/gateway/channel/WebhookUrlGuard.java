package org.byon.gateway.channel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;

/**
 * The SSRF guard for webhook {@code notificationUrl}s (OWASP SSRF prevention): https only, and the host
 * must not resolve to a loopback, wildcard, link-local, private (RFC 1918, RFC 4193), shared (RFC 6598) or
 * multicast address. {@code byon.webhook.allow-insecure-urls=true} (tests only) accepts http and any
 * address.
 */
public final class WebhookUrlGuard {
    private final boolean allowInsecure;

    public WebhookUrlGuard(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
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
            throw new ByonException(ErrorCode.NOTIFICATION_URL_NOT_ALLOWED, "notificationUrl must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ByonException(ErrorCode.NOTIFICATION_URL_NOT_ALLOWED,
                    "notificationUrl host " + uri.getHost() + " cannot be resolved");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                throw new ByonException(ErrorCode.NOTIFICATION_URL_NOT_ALLOWED,
                        "notificationUrl resolves to a loopback, private or otherwise internal address");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // 0/8, 100.64/10
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24
                || first >= 240; // reserved, broadcast
    }
}
