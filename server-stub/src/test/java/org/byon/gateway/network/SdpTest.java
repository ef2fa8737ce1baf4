package org.byon.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated far end's answers (RFC 3264, and for WebRTC offers RFC 8829 section 5.3). */
class SdpTest {
    private static final Pattern FINGERPRINT = Pattern.compile("sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}");
    private static final Pattern ICE_CHAR = Pattern.compile("[A-Za-z0-9+/]+");

    /** An audio-only offer as headless Chromium 156 makes it (createOffer with one audio transceiver). */
    static String chromiumOffer() {
        try (InputStream in = SdpTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String withDirection(String sdp, String direction) {
        return sdp.replace("a=sendrecv\r\n", "a=" + direction + "\r\n").replace("a=sendrecv\n", "a=" + direction + "\n");
    }

    static List<String> lines(String sdp) {
        return Arrays.asList(sdp.split("\r\n", -1));
    }

    static List<String> attributes(String sdp, String name) {
        List<String> out = new ArrayList<>();
        for (String l : lines(sdp)) {
            if (l.startsWith("a=" + name + ":")) {
                out.add(l.substring(name.length() + 3));
            } else if (l.equals("a=" + name)) {
                out.add("");
            }
        }
        return out;
    }

    @Test
    void answerToAChromiumOfferCarriesEverythingAWebRtcAnswerNeeds() {
        String offer = chromiumOffer();
        assertThat(offer).contains("a=mid:0", "UDP/TLS/RTP/SAVPF", "a=setup:actpass");
        String answer = Sdp.answerFor(offer);
        Sdp.check(answer, "answer");
        assertThat(answer).endsWith("\r\n").doesNotContain("\n\n");
        List<String> l = lines(answer);
        // session part: v, o, s, t, then the bundle group; every line CRLF-terminated
        assertThat(l.get(0)).isEqualTo("v=0");
        assertThat(l.get(1)).matches("o=\\S+ \\d+ \\d+ IN IP4 \\S+");
        assertThat(l.get(2)).isEqualTo("s=-");
        assertThat(l.get(3)).isEqualTo("t=0 0");
        assertThat(l.get(4)).isEqualTo("a=group:BUNDLE 0");
        assertThat(l.get(5)).isEqualTo("m=audio 9 UDP/TLS/RTP/SAVPF 111");
        assertThat(l).filteredOn(s -> s.startsWith("m=")).hasSize(1);
        assertThat(l).filteredOn(s -> s.startsWith("c=IN IP4 ")).hasSize(1);
        // ICE (RFC 8839 section 5.4: ufrag 4-256, pwd 22-256 ice-chars)
        assertThat(attributes(answer, "ice-ufrag")).singleElement()
                .satisfies(u -> assertThat(u).hasSizeBetween(4, 256).matches(ICE_CHAR));
        assertThat(attributes(answer, "ice-pwd")).singleElement()
                .satisfies(p -> assertThat(p).hasSizeBetween(22, 256).matches(ICE_CHAR));
        assertThat(attributes(answer, "ice-ufrag").get(0)).isNotEqualTo("4HvH");
        // DTLS: our own fingerprint, the active role towards an actpass offer
        assertThat(attributes(answer, "fingerprint")).singleElement().satisfies(f -> assertThat(f).matches(FINGERPRINT));
        assertThat(answer).doesNotContain("BC:AA:F1:AD");
        assertThat(attributes(answer, "setup")).containsExactly("active");
        assertThat(attributes(answer, "mid")).containsExactly("0");
        assertThat(attributes(answer, "rtcp-mux")).containsExactly("");
        assertThat(attributes(answer, "rtpmap")).containsExactly("111 opus/48000/2");
        assertThat(attributes(answer, "fmtp")).containsExactly("111 minptime=10;useinbandfec=1");
        assertThat(answer).contains("\r\na=sendrecv\r\n");
        assertThat(l).filteredOn(s -> s.matches("a=(sendrecv|sendonly|recvonly|inactive)")).hasSize(1);
    }

    @Test
    void everyAnswerHasFreshIceAndDtlsParameters() {
        String a = Sdp.answerFor(chromiumOffer());
        String b = Sdp.answerFor(chromiumOffer());
        assertThat(attributes(a, "ice-ufrag")).isNotEqualTo(attributes(b, "ice-ufrag"));
        assertThat(attributes(a, "ice-pwd")).isNotEqualTo(attributes(b, "ice-pwd"));
        assertThat(attributes(a, "fingerprint")).isNotEqualTo(attributes(b, "fingerprint"));
    }

    @ParameterizedTest
    @CsvSource({"sendrecv,sendrecv", "sendonly,recvonly", "recvonly,sendonly", "inactive,inactive"})
    void answerMirrorsTheOfferedDirection(String offered, String answered) {
        String webrtc = Sdp.answerFor(withDirection(chromiumOffer(), offered));
        assertThat(lines(webrtc)).filteredOn(s -> s.matches("a=(sendrecv|sendonly|recvonly|inactive)"))
                .containsExactly("a=" + answered);
        String plain = Sdp.answerFor(withDirection(NetworkTest.OFFER + "a=sendrecv\r\n", offered));
        assertThat(lines(plain)).filteredOn(s -> s.matches("a=(sendrecv|sendonly|recvonly|inactive)"))
                .containsExactly("a=" + answered);
        assertThat(Sdp.mirror(offered)).isEqualTo(answered);
    }

    @Test
    void reAnswerKeepsTheFarEndsOriginIceAndDtls() {
        String first = Sdp.answerFor(chromiumOffer());
        String hold = Sdp.answerFor(withDirection(chromiumOffer(), "sendonly"), first);
        for (String name : List.of("ice-ufrag", "ice-pwd", "fingerprint", "setup", "mid")) {
            assertThat(attributes(hold, name)).as(name).isEqualTo(attributes(first, name));
        }
        String[] o1 = lines(first).get(1).split(" ");
        String[] o2 = lines(hold).get(1).split(" ");
        assertThat(o2[1]).isEqualTo(o1[1]);
        assertThat(Long.parseLong(o2[2])).isEqualTo(Long.parseLong(o1[2]) + 1);
        assertThat(hold).contains("\r\na=recvonly\r\n").doesNotContain("a=sendrecv");
    }

    @Test
    void plainRtpOfferKeepsASimpleAnswer() {
        String answer = Sdp.answerFor(NetworkTest.OFFER);
        Sdp.check(answer, "answer");
        assertThat(answer).contains("m=audio 5004 RTP/AVP 0\r\n", "c=IN IP4 ", "a=sendrecv")
                .doesNotContain("a=ice-ufrag", "a=fingerprint", "a=setup", "a=group");
    }

    @Test
    void offerWithoutOpusGetsItsFirstCodecAndOtherMediaAreRejected() {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a v\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0 8\r\nc=IN IP4 0.0.0.0\r\na=mid:a\r\na=rtcp-mux\r\n"
                + "a=setup:actpass\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=sendrecv\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\na=rtpmap:96 VP8/90000\r\n";
        String answer = Sdp.answerFor(offer);
        assertThat(answer).contains("a=group:BUNDLE a\r\n", "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n",
                "a=rtpmap:0 PCMU/8000\r\n", "m=video 0 UDP/TLS/RTP/SAVPF 96\r\n", "a=mid:v\r\n");
        assertThat(answer.indexOf("m=audio")).isLessThan(answer.indexOf("m=video"));
        // an offer without a bundle group gets none in the answer (RFC 8843 section 7.3)
        String unbundled = Sdp.answerFor(offer.replace("a=group:BUNDLE a v\r\n", ""));
        assertThat(unbundled).doesNotContain("a=group").contains("a=mid:a\r\n");
    }

    @ParameterizedTest
    @CsvSource({"sendonly,recvonly", "sendrecv,sendrecv", "recvonly,sendonly", "inactive,inactive"})
    void peerSdpIsMirroredAgainstANewOffer(String offered, String answered) {
        String peer = Sdp.answerFor(chromiumOffer());
        String mirrored = Sdp.mirrorDirection(peer, withDirection(chromiumOffer(), offered));
        assertThat(lines(mirrored)).filteredOn(s -> s.matches("a=(sendrecv|sendonly|recvonly|inactive)"))
                .containsExactly("a=" + answered);
        // everything but the direction and the origin's version is the peer's own
        assertThat(mirrored.replace("a=" + answered + "\r\n", "a=sendrecv\r\n").lines().skip(2).toList())
                .isEqualTo(peer.lines().skip(2).toList());
        assertThat(mirrored.lines().toList().get(1)).isNotEqualTo(peer.lines().toList().get(1));
        assertThat(Sdp.direction(mirrored)).isEqualTo(answered);
    }

    @Test
    void aKnownDtlsRoleReplacesTheActpassOfAPeersOffer() {
        String peerOffer = chromiumOffer();
        String mirrored = Sdp.mirrorDirection(peerOffer, withDirection(chromiumOffer(), "sendonly"), "passive");
        assertThat(attributes(mirrored, "setup")).containsExactly("passive");
        assertThat(attributes(Sdp.mirrorDirection(peerOffer, chromiumOffer()), "setup")).containsExactly("actpass");
        String reAnswer = Sdp.answerFor(withDirection(chromiumOffer(), "sendonly"), peerOffer, "passive");
        assertThat(attributes(reAnswer, "setup")).containsExactly("passive");
        assertThat(attributes(reAnswer, "ice-ufrag")).containsExactly("4HvH");
        assertThat(attributes(reAnswer, "fingerprint")).isEqualTo(attributes(peerOffer, "fingerprint"));
        assertThat(Sdp.setup(peerOffer)).isEqualTo("actpass");
        assertThat(Sdp.otherRole("active")).isEqualTo("passive");
        assertThat(Sdp.otherRole("actpass")).isNull();
    }

    @Test
    void peerSdpWithoutADirectionGetsOne() {
        String mirrored = Sdp.mirrorDirection(NetworkTest.OFFER, NetworkTest.OFFER + "a=sendonly\r\n");
        assertThat(mirrored).endsWith("m=audio 5004 RTP/AVP 0\r\na=recvonly\r\n");
    }
}
