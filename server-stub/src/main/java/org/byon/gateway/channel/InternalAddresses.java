package org.byon.gateway.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Which addresses a webhook must never reach: this host (loopback, wildcard, every address of its own network
 * interfaces) and every special-purpose range (RFC 6890 and successors) — private, shared, link-local, multicast,
 * reserved, benchmarking (198.18.0.0/15, 2001:2::/48) and documentation (TEST-NET-1/2/3, 2001:db8::/32,
 * 3fff::/20) — including IPv4 addresses embedded in IPv6 (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96 and
 * 64:ff9b:1::/48, 6to4 2002::/16; Teredo 2001::/32 is refused whole).
 */
final class InternalAddresses {
    private static final long INTERFACE_REFRESH_NANOS = 30_000_000_000L;
    private volatile Set<InetAddress> own = Set.of();
    private volatile long ownRead;

    boolean isInternal(InetAddress a) {
        return isSpecial(a) || ownAddresses().contains(a instanceof Inet6Address ? stripZone(a) : a);
    }

    static boolean isSpecial(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return a instanceof Inet4Address ? specialV4(b) : specialV6(b);
    }

    static boolean specialV4(byte[] b) {
        int o1 = b[0] & 0xff;
        int o2 = b[1] & 0xff;
        int o3 = b[2] & 0xff;
        return o1 == 0 || o1 == 10 || o1 == 127                                    // this network, private, loopback
                || (o1 == 100 && o2 >= 64 && o2 < 128)                            // shared (CGN) 100.64/10
                || (o1 == 169 && o2 == 254)                                       // link-local
                || (o1 == 172 && o2 >= 16 && o2 < 32) || (o1 == 192 && o2 == 168) // private
                || (o1 == 192 && o2 == 0 && (o3 == 0 || o3 == 2))                 // IETF protocol, TEST-NET-1
                || (o1 == 192 && o2 == 88 && o3 == 99)                            // 6to4 relay anycast
                || (o1 == 198 && (o2 == 18 || o2 == 19))                          // benchmarking 198.18/15
                || (o1 == 198 && o2 == 51 && o3 == 100)                           // TEST-NET-2
                || (o1 == 203 && o2 == 0 && o3 == 113)                            // TEST-NET-3
                || o1 >= 224;                                                     // multicast, reserved, broadcast
    }

    static boolean specialV6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        // ::/80 holds ::, ::1, IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d; NAT64 and 6to4 carry an
        // IPv4 address a translator or relay would reach: all refused whatever the embedded address
        return allZero(b, 0, 10)
                || (w0 == 0x0064 && w1 == 0xff9b)                                 // NAT64 64:ff9b::/96, 64:ff9b:1::/48
                || w0 == 0x2002                                                   // 6to4 2002::/16
                || (w0 & 0xfe00) == 0xfc00                                            // unique local fc00::/7
                || (w0 & 0xffc0) == 0xfe80 || (w0 & 0xffc0) == 0xfec0             // link-local, old site-local
                || (w0 & 0xff00) == 0xff00                                        // multicast
                || (w0 == 0x2001 && w1 == 0x0db8)                                 // documentation 2001:db8::/32
                || (w0 & 0xfff0) == 0x3ff0                                        // documentation 3fff::/20
                || (w0 == 0x2001 && w1 == 0x0002 && word(b, 4) == 0)              // benchmarking 2001:2::/48
                || (w0 == 0x2001 && w1 == 0x0000)                                 // Teredo 2001::/32
                || (w0 == 0x2001 && (w1 & 0xfff0) == 0x0010)                      // ORCHID 2001:10::/28
                || (w0 == 0x2001 && (w1 & 0xfff0) == 0x0020)                      // ORCHIDv2 2001:20::/28
                || (w0 == 0x0100 && allZero(b, 2, 8));                            // discard 100::/64
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** This host's own interface addresses (IPv6 without zone), re-read at most every 30 s. */
    private Set<InetAddress> ownAddresses() {
        long now = System.nanoTime();
        if (now - ownRead > INTERFACE_REFRESH_NANOS || ownRead == 0) {
            Set<InetAddress> out = new HashSet<>();
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        out.add(a instanceof Inet6Address ? stripZone(a) : a);
                    }
                }
            } catch (SocketException e) {
                // keep the previous set
                return own;
            }
            own = Set.copyOf(out);
            ownRead = now;
        }
        return own;
    }

    static InetAddress stripZone(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
