package org.byon.gateway.network;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.byon.gateway.common.ByonException;

/**
 * A basic syntax check of SDP (RFC 8866 section 5: the session-level {@code v=}, {@code o=}, {@code s=},
 * {@code t=} lines, plus at least one {@code m=audio} media description), the answer the simulated far ends
 * build from an offer (RFC 3264 section 6; for WebRTC offers with the ICE, DTLS and BUNDLE attributes a
 * browser requires, RFC 8829 section 5.3), and the direction mirroring the network applies to a web peer's
 * SDP when it answers a re-INVITE on the peer's behalf. Stateless.
 */
public final class Sdp {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String SIM_ADDRESS = "192.0.2.10";

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

    /**
     * The simulated far end's answer to an offer, with a new far-end identity (origin, ICE credentials and
     * DTLS fingerprint).
     *
     * @see #answerFor(String, String)
     */
    public static String answerFor(String offer) {
        return answerFor(offer, null);
    }

    /**
     * The simulated far end's answer to an offer: the offer's first audio media description is accepted
     * with its direction mirrored (sendonly to recvonly, recvonly to sendonly, sendrecv and inactive kept),
     * any other media description is rejected (port 0). A WebRTC offer ({@code UDP/TLS/RTP/SAVPF}) gets a
     * WebRTC answer: one codec (opus when offered), {@code a=ice-ufrag}, {@code a=ice-pwd},
     * {@code a=fingerprint:sha-256}, {@code a=setup}, {@code a=mid} and {@code a=group:BUNDLE} (when the offer
     * bundles), {@code a=rtcp-mux} (when offered). A plain RTP offer gets a simple answer with its audio line.
     *
     * @param previous the far end's previous SDP in this dialog (null for a new dialog): a re-answer keeps its
     *                 origin (with the version incremented), ICE credentials, DTLS fingerprint and role, so it
     *                 does not restart ICE or DTLS (RFC 8839 section 4.4.1.1, RFC 8842 section 5)
     */
    public static String answerFor(String offer, String previous) {
        return answerFor(offer, previous, null);
    }

    /**
     * {@link #answerFor(String, String)} with the far end's established DTLS role ({@code active} or
     * {@code passive}) when it is known from the dialog, e.g. because the far end's previous SDP was its offer
     * ({@code actpass}) and the web endpoint's answer settled the roles. Null: the previous SDP's role, else
     * {@code active} towards an {@code actpass} offer.
     */
    public static String answerFor(String offer, String previous, String dtlsRole) {
        Parsed o = parse(offer == null ? "" : offer);
        int audio = o.firstAudio();
        String origin = previous == null ? null : originWithNextVersion(previous);
        if (origin == null) {
            origin = "o=byon-sim " + (1 + RANDOM.nextLong(Long.MAX_VALUE / 2)) + " 1 IN IP4 " + SIM_ADDRESS;
        }
        if (audio < 0) {
            return "v=0\r\n" + origin + "\r\ns=-\r\nc=IN IP4 " + SIM_ADDRESS + "\r\nt=0 0\r\n"
                    + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";
        }
        List<String> media = o.media.get(audio);
        String mline = media.get(0);
        String[] m = mline.split(" ");
        String direction = mirror(o.direction(audio));
        if (m.length < 3 || !m[2].toUpperCase(Locale.ROOT).contains("SAVPF")) {
            return "v=0\r\n" + origin + "\r\ns=-\r\nc=IN IP4 " + SIM_ADDRESS + "\r\nt=0 0\r\n"
                    + mline + "\r\na=" + direction + "\r\n" + rejected(o, audio);
        }
        String mid = attribute(media, "mid");
        boolean bundle = mid != null && o.session.stream().anyMatch(l -> l.startsWith("a=group:BUNDLE ")
                && List.of(l.substring("a=group:BUNDLE ".length()).trim().split("\\s+")).contains(mid));
        String payload = chooseCodec(media, m);
        String ufrag = previous == null ? null : attribute(parse(previous).all(), "ice-ufrag");
        String pwd = previous == null ? null : attribute(parse(previous).all(), "ice-pwd");
        String fingerprint = previous == null ? null : attribute(parse(previous).all(), "fingerprint");
        String setup = previous == null ? null : attribute(parse(previous).all(), "setup");
        if (ufrag == null || pwd == null || fingerprint == null) {
            ufrag = randomIce(8);
            pwd = randomIce(24);
            fingerprint = randomFingerprint();
        }
        if ("active".equals(dtlsRole) || "passive".equals(dtlsRole)) {
            setup = dtlsRole;
        } else if (!"active".equals(setup) && !"passive".equals(setup)) {
            setup = "active".equals(attribute(media, "setup")) ? "passive" : "active";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("v=0\r\n").append(origin).append("\r\ns=-\r\nt=0 0\r\n");
        if (bundle) {
            sb.append("a=group:BUNDLE ").append(mid).append("\r\n");
        }
        sb.append("m=audio 9 ").append(m[2]).append(' ').append(payload).append("\r\n");
        sb.append("c=IN IP4 ").append(SIM_ADDRESS).append("\r\n");
        sb.append("a=ice-ufrag:").append(ufrag).append("\r\n");
        sb.append("a=ice-pwd:").append(pwd).append("\r\n");
        sb.append("a=fingerprint:").append(fingerprint).append("\r\n");
        sb.append("a=setup:").append(setup).append("\r\n");
        if (mid != null) {
            sb.append("a=mid:").append(mid).append("\r\n");
        }
        sb.append("a=").append(direction).append("\r\n");
        if (media.contains("a=rtcp-mux")) {
            sb.append("a=rtcp-mux\r\n");
        }
        for (String l : media) {
            if (l.startsWith("a=rtpmap:" + payload + " ") || l.startsWith("a=fmtp:" + payload + " ")) {
                sb.append(l).append("\r\n");
            }
        }
        if (media.stream().noneMatch(l -> l.startsWith("a=rtpmap:" + payload + " "))) {
            sb.append("a=rtpmap:").append(payload).append(' ').append(staticCodec(payload)).append("\r\n");
        }
        return sb.append(rejected(o, audio)).toString();
    }

    /** {@link #mirrorDirection(String, String, String)} keeping the peer's {@code a=setup} lines. */
    public static String mirrorDirection(String peerSdp, String offer) {
        return mirrorDirection(peerSdp, offer, null);
    }

    /**
     * A web peer's SDP as the answer to a new offer in its dialog: every media description's direction is the
     * mirror of the offer's (RFC 3264 section 6.1; sendonly to recvonly, sendrecv kept), the origin version is
     * incremented; everything else (ICE, DTLS, codecs) is the peer's own, unchanged.
     *
     * @param dtlsRole the peer's established DTLS role ({@code active} or {@code passive}; null to keep its
     *                 {@code a=setup} lines): the peer's latest SDP may be an offer ({@code actpass}), which an
     *                 answer must not carry (RFC 5763 section 5)
     */
    public static String mirrorDirection(String peerSdp, String offer, String dtlsRole) {
        Parsed peer = parse(peerSdp);
        Parsed o = parse(offer == null ? "" : offer);
        StringBuilder sb = new StringBuilder();
        for (String l : peer.session) {
            if (l.startsWith("o=")) {
                String next = originWithNextVersion(peerSdp);
                sb.append(next != null ? next : l).append("\r\n");
            } else if (dtlsRole != null && l.startsWith("a=setup:")) {
                sb.append("a=setup:").append(dtlsRole).append("\r\n");
            } else if (!isDirection(l)) {
                sb.append(l).append("\r\n");
            }
        }
        for (int i = 0; i < peer.media.size(); i++) {
            String direction = mirror(i < o.media.size() ? o.direction(i) : "sendrecv");
            boolean written = false;
            for (String l : peer.media.get(i)) {
                if (dtlsRole != null && l.startsWith("a=setup:")) {
                    sb.append("a=setup:").append(dtlsRole).append("\r\n");
                } else if (isDirection(l)) {
                    if (!written) {
                        sb.append("a=").append(direction).append("\r\n");
                        written = true;
                    }
                } else {
                    sb.append(l).append("\r\n");
                }
            }
            if (!written) {
                sb.append("a=").append(direction).append("\r\n");
            }
        }
        return sb.toString();
    }

    /** The direction of the first audio media description (sendrecv when it has none). */
    public static String direction(String sdp) {
        Parsed p = parse(sdp == null ? "" : sdp);
        int audio = p.firstAudio();
        return audio < 0 ? "sendrecv" : p.direction(audio);
    }

    /** The first {@code a=setup} value (RFC 4145: active, passive, actpass, holdconn), or null. */
    public static String setup(String sdp) {
        return sdp == null ? null : attribute(parse(sdp).all(), "setup");
    }

    /** The DTLS role of the other side of an answer's {@code a=setup} (active and passive swap), or null. */
    public static String otherRole(String setup) {
        if ("active".equals(setup)) {
            return "passive";
        }
        return "passive".equals(setup) ? "active" : null;
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

    // ---------------------------------------------------------------- helpers

    /** An SDP split into its session part and media descriptions (each starting with its m= line). */
    private record Parsed(List<String> session, List<List<String>> media) {
        int firstAudio() {
            for (int i = 0; i < media.size(); i++) {
                if (media.get(i).get(0).startsWith("m=audio ")) {
                    return i;
                }
            }
            return -1;
        }

        /** A media description's direction; the session-level one applies when it has none. */
        String direction(int index) {
            for (String l : media.get(index)) {
                if (isDirection(l)) {
                    return l.substring(2);
                }
            }
            for (String l : session) {
                if (isDirection(l)) {
                    return l.substring(2);
                }
            }
            return "sendrecv";
        }

        List<String> all() {
            List<String> out = new ArrayList<>(session);
            media.forEach(out::addAll);
            return out;
        }
    }

    private static Parsed parse(String sdp) {
        List<String> session = new ArrayList<>();
        List<List<String>> media = new ArrayList<>();
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                media.add(new ArrayList<>(List.of(line)));
            } else if (media.isEmpty()) {
                session.add(line);
            } else {
                media.get(media.size() - 1).add(line);
            }
        }
        return new Parsed(session, media);
    }

    private static boolean isDirection(String line) {
        return line.equals("a=sendrecv") || line.equals("a=sendonly") || line.equals("a=recvonly")
                || line.equals("a=inactive");
    }

    /** The answerer's direction for an offered one (RFC 3264 section 6.1). */
    public static String mirror(String offered) {
        return switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    /** The value of the first {@code a=name:value} (or {@code a=name}) line, or null. */
    private static String attribute(List<String> lines, String name) {
        for (String l : lines) {
            if (l.startsWith("a=" + name + ":")) {
                return l.substring(name.length() + 3).trim();
            }
        }
        return null;
    }

    /** The SDP's o= line with its session version incremented (RFC 3264 section 8), or null. */
    private static String originWithNextVersion(String sdp) {
        for (String l : parse(sdp).session) {
            if (l.startsWith("o=")) {
                String[] f = l.substring(2).split(" ");
                if (f.length == 6) {
                    try {
                        f[2] = new java.math.BigInteger(f[2]).add(java.math.BigInteger.ONE).toString();
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    return "o=" + String.join(" ", f);
                }
            }
        }
        return null;
    }

    /** Opus when offered, else the first offered payload type. */
    private static String chooseCodec(List<String> media, String[] mline) {
        for (String l : media) {
            if (l.toLowerCase(Locale.ROOT).matches("a=rtpmap:\\d+ opus/48000(/2)?")) {
                String pt = l.substring("a=rtpmap:".length(), l.indexOf(' '));
                for (int i = 3; i < mline.length; i++) {
                    if (mline[i].equals(pt)) {
                        return pt;
                    }
                }
            }
        }
        return mline.length > 3 ? mline[3] : "0";
    }

    private static String staticCodec(String payload) {
        return switch (payload) {
            case "8" -> "PCMA/8000";
            case "9" -> "G722/8000";
            case "0" -> "PCMU/8000";
            default -> "opus/48000/2";
        };
    }

    /** Every media description but the accepted one, rejected with port 0 (RFC 3264 section 6). */
    private static String rejected(Parsed offer, int accepted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < offer.media.size(); i++) {
            if (i == accepted) {
                continue;
            }
            List<String> media = offer.media.get(i);
            String[] m = media.get(0).substring(2).split(" ");
            sb.append("m=").append(m[0]).append(" 0 ").append(m.length > 2 ? m[2] : "RTP/AVP")
                    .append(' ').append(m.length > 3 ? m[3] : "0").append("\r\n");
            sb.append("c=IN IP4 ").append(SIM_ADDRESS).append("\r\n");
            String mid = attribute(media, "mid");
            if (mid != null) {
                sb.append("a=mid:").append(mid).append("\r\n");
            }
            sb.append("a=inactive\r\n");
        }
        return sb.toString();
    }

    private static String randomIce(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }

    private static String randomFingerprint() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        StringBuilder sb = new StringBuilder("sha-256 ");
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02X", digest[i] & 0xff));
        }
        return sb.toString();
    }
}
