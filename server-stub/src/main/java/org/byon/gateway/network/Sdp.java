package org.byon.gateway.network;

import java.util.ArrayList;
import java.util.List;

import org.byon.gateway.common.ByonException;

/**
 * A basic syntax check of SDP (RFC 8866 section 5: the session-level {@code v=}, {@code o=}, {@code s=},
 * {@code t=} lines, plus at least one {@code m=audio} media description), and the answer the simulated
 * far ends build from an offer (RFC 3264 section 6: same media line, our own origin). Stateless.
 */
public final class Sdp {
    private Sdp() {
    }

    /** @throws ByonException INVALID_ARGUMENT naming what is missing */
    public static void check(String sdp, String field) {
        if (sdp == null || sdp.isBlank()) {
            throw ByonException.invalid(field + " is missing or empty");
        }
        boolean v = false, o = false, s = false, t = false, audio = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("v=")) {
                v = true;
            } else if (line.startsWith("o=")) {
                o = true;
            } else if (line.startsWith("s=")) {
                s = true;
            } else if (line.startsWith("t=")) {
                t = true;
            } else if (line.startsWith("m=audio ")) {
                audio = true;
            }
        }
        List<String> missing = new ArrayList<>();
        if (!v) {
            missing.add("v=");
        }
        if (!o) {
            missing.add("o=");
        }
        if (!s) {
            missing.add("s=");
        }
        if (!t) {
            missing.add("t=");
        }
        if (!audio) {
            missing.add("m=audio");
        }
        if (!missing.isEmpty()) {
            throw ByonException.invalid(field + " is not valid SDP: missing " + String.join(", ", missing) + " line"
                    + (missing.size() > 1 ? "s" : ""));
        }
    }

    /** An SDP answer accepting the offer's first audio m-line (port and formats kept, direction sendrecv). */
    public static String answerFor(String offer) {
        String mline = "m=audio 9 UDP/TLS/RTP/SAVPF 111";
        if (offer != null) {
            for (String raw : offer.split("\r?\n")) {
                if (raw.strip().startsWith("m=audio ")) {
                    mline = raw.strip();
                    break;
                }
            }
        }
        return "v=0\r\n"
                + "o=byon-sim 1 1 IN IP4 192.0.2.10\r\n"
                + "s=-\r\n"
                + "c=IN IP4 192.0.2.10\r\n"
                + "t=0 0\r\n"
                + mline + "\r\n"
                + "a=sendrecv\r\n";
    }

    /** A minimal valid offer, used when the simulator injects a call without SDP. */
    public static String defaultOffer() {
        return "v=0\r\n"
                + "o=byon-sim-far-end 1 1 IN IP4 192.0.2.20\r\n"
                + "s=-\r\n"
                + "c=IN IP4 192.0.2.20\r\n"
                + "t=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0 8\r\n"
                + "a=sendrecv\r\n";
    }
}
