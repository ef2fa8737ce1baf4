package org.byon.gateway.it.fuzz;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/** Primitive generators the request generators are built from (QuickTheories underneath). */
final class Gens {
    private Gens() {
    }

    static boolean chance(RandomnessSource in, int percent) {
        return Generate.range(1, 100).generate(in) <= percent;
    }

    @SafeVarargs
    static <T> Gen<T> weighted(Pair<Integer, Gen<T>>... choices) {
        return Generate.frequency(List.of(choices));
    }

    static <T> Pair<Integer, Gen<T>> w(int weight, Gen<T> gen) {
        return Pair.of(weight, gen);
    }

    /** Any text: short Latin, any code point, whitespace-only, empty, long. */
    static Gen<String> text() {
        return weighted(
                w(5, strings().basicLatinAlphabet().ofLengthBetween(1, 40)),
                w(2, strings().allPossible().ofLengthBetween(0, 30)),
                w(1, strings().betweenCodePoints(0, 0x20).ofLengthBetween(0, 5)),
                w(1, Generate.constant("")),
                w(1, strings().ascii().ofLengthBetween(200, 5_000)));
    }

    /** A token character string as a header name or method would have. */
    static Gen<String> token(int min, int max) {
        return strings().betweenCodePoints('A', 'Z').ofLengthBetween(min, max);
    }

    /** Header-value text: printable ASCII, sometimes bytes 0x80-0xFF, rarely control bytes (sent raw). */
    static Gen<String> headerValue() {
        return weighted(
                w(6, strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 60)),
                w(2, strings().betweenCodePoints(0x80, 0xff).ofLengthBetween(1, 20)),
                w(1, strings().betweenCodePoints(0x00, 0x1f).ofLengthBetween(1, 3)));
    }

    /** A path segment: a real-looking id, percent-encoded arbitrary text, raw %-escapes (valid or not), long. */
    static Gen<String> pathSegment() {
        return weighted(
                w(4, strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 40)),
                w(3, strings().allPossible().ofLengthBetween(0, 20).map(Gens::encode)),
                w(2, strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(1, 12)
                        .map(s -> s.replace("?", "%3F").replace("#", "%23"))),
                w(1, strings().betweenCodePoints(0x80, 0xff).ofLengthBetween(1, 6)),
                w(1, strings().basicLatinAlphabet().ofLengthBetween(1_000, 9_000).map(Gens::encode)));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** E.164-like numbers, some of them the gateway's subscribers or test numbers. */
    static Gen<String> phoneNumber() {
        return weighted(
                w(3, integers().between(0, 199).map(n -> String.format("+4477009%05d", n))),
                w(1, strings().numeric().map(n -> "+" + n)),
                w(1, text()));
    }

    /** URLs across schemes and hosts, internal and documentation addresses among them (the SSRF guard). */
    /**
     * URLs of many shapes, every one of which leads nowhere but this machine: the fuzz gateway runs with the SSRF
     * guard off (http allowed), so a webhook channel it creates may be posted to. Hosts are loopback addresses in
     * several spellings (dotted, octal, integer, IPv6) or names under {@code .invalid} (RFC 6761: never resolve).
     */
    static Gen<String> url() {
        Gen<String> loopback = in -> "127." + integers().between(0, 255).generate(in) + "."
                + integers().between(0, 255).generate(in) + "." + integers().between(1, 254).generate(in);
        Gen<String> host = weighted(
                w(3, strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 20).map(s -> s + ".example.invalid")),
                w(3, loopback),
                w(1, Generate.pick(List.of("[::1]", "localhost", "[::ffff:127.0.0.1]"))),
                w(1, integers().between(2130706433, 2147483646).map(n -> Integer.toString(n))),
                w(1, integers().between(0, 0377).map(n -> "0177.0." + Integer.toOctalString(n) + ".1")));
        Gen<String> scheme = Generate.pick(List.of("https", "http", "ftp", "file", "ws", "gopher"));
        return scheme.zip(host, strings().basicLatinAlphabet().ofLengthBetween(0, 20),
                (s, h, p) -> s + "://" + h + ":9/" + encode(p));
    }

    /** SDP: a minimal valid audio offer, one with lines missing, or random text. */
    static Gen<String> sdp() {
        String valid = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "c=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";
        return weighted(
                w(4, Generate.constant(valid)),
                w(2, integers().between(0, valid.length()).map(n -> valid.substring(0, n))),
                w(1, text()));
    }
}
