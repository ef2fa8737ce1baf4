package org.byon.gateway.edge;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The origin ({@code scheme://host[:port]}) absolute URLs are built on ({@code resourceURL}, {@code Location},
 * {@code channelURL}), stored as the request attribute {@link #ATTRIBUTE}: {@code byon.http.public-base-url} when
 * configured; otherwise the request's own scheme and {@code Host}, with {@code X-Forwarded-Proto} /
 * {@code X-Forwarded-Host} honoured only when the connection comes from one of {@code byon.http.trusted-proxies}
 * (IP addresses or CIDR blocks; none by default).
 */
public class PublicOrigin extends OncePerRequestFilter {
    public static final String ATTRIBUTE = PublicOrigin.class.getName();
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,260}");
    private final String fixed;
    private final List<Cidr> trusted;

    public PublicOrigin(String publicBaseUrl, List<String> trustedProxies) {
        this.fixed = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : origin(publicBaseUrl);
        List<Cidr> t = new ArrayList<>();
        for (String p : trustedProxies == null ? List.<String>of() : trustedProxies) {
            t.add(Cidr.parse(p.trim()));
        }
        this.trusted = List.copyOf(t);
    }

    private static String origin(String url) {
        URI u = URI.create(url.trim());
        if (u.getScheme() == null || u.getHost() == null
                || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalStateException("byon.http.public-base-url must be an absolute http(s) URL: " + url);
        }
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, fixed != null ? fixed : fromRequest(request));
        chain.doFilter(request, response);
    }

    String fromRequest(HttpServletRequest request) {
        String scheme = request.getScheme();
        String host = request.getHeader("Host");
        if (fromTrustedProxy(request.getRemoteAddr())) {
            String fp = first(request.getHeader("X-Forwarded-Proto"));
            if (fp != null && (fp.equalsIgnoreCase("http") || fp.equalsIgnoreCase("https"))) {
                scheme = fp;
            }
            String fh = first(request.getHeader("X-Forwarded-Host"));
            if (fh != null && HOST.matcher(fh).matches()) {
                host = fh;
            }
        }
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return scheme.toLowerCase(Locale.ROOT) + "://" + host;
    }

    boolean fromTrustedProxy(String remote) {
        if (trusted.isEmpty() || remote == null) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(remote); // the peer address is a literal: no lookup
            return trusted.stream().anyMatch(c -> c.contains(a));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma >= 0 ? header.substring(0, comma) : header).trim();
    }

    /** An address block: {@code 10.0.0.0/8}, {@code ::1/128} or a single address. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            try {
                byte[] addr = InetAddress.getByName(slash < 0 ? s : s.substring(0, slash)).getAddress();
                int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(s.substring(slash + 1));
                return new Cidr(addr, bits);
            } catch (java.net.UnknownHostException | NumberFormatException e) {
                throw new IllegalStateException("byon.http.trusted-proxies: not an address or CIDR block: " + s);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(b.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(bits).not();
            return new BigInteger(1, b).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
