package org.byon.gateway.network;

import java.util.Optional;
import java.util.regex.Pattern;

/** E.164 numbers and the TEL / SIP URIs that carry them. Stateless. */
public final class PhoneNumbers {
    /** The contract's phone-number pattern. */
    public static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{4,14}$");

    private PhoneNumbers() {
    }

    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /**
     * The E.164 number in an address: {@code tel:+447700900001}, {@code sip:+447700900001@ims.example.org}
     * (user part, parameters stripped) or a bare {@code +447700900001}. Empty when the address carries no
     * E.164 number.
     */
    public static Optional<String> numberOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.trim();
        String candidate;
        if (a.regionMatches(true, 0, "tel:", 0, 4)) {
            candidate = a.substring(4);
            int semi = candidate.indexOf(';');
            if (semi >= 0) {
                candidate = candidate.substring(0, semi);
            }
        } else if (a.regionMatches(true, 0, "sip:", 0, 4) || a.regionMatches(true, 0, "sips:", 0, 5)) {
            candidate = a.substring(a.indexOf(':') + 1);
            int at = candidate.indexOf('@');
            if (at >= 0) {
                candidate = candidate.substring(0, at);
            }
            int semi = candidate.indexOf(';');
            if (semi >= 0) {
                candidate = candidate.substring(0, semi);
            }
        } else {
            candidate = a;
        }
        return isE164(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** The TEL URI of a number. */
    public static String telUri(String number) {
        return "tel:" + number;
    }
}
