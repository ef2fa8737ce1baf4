package org.byon.gateway.edge;

/**
 * The raw request URI the gateway accepts: printable ASCII, no path parameters ({@code ;}: the contract has
 * none and they hide text from the path matchers) and only well-formed %-escapes.
 */
final class UriCheck {
    private UriCheck() {
    }

    static boolean acceptable(String uri) {
        if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ';' || c == '\\') {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= uri.length() || hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
