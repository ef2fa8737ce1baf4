package org.byon.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.byon.gateway.it.client.ApiException;
import org.byon.gateway.it.client.model.CreateVoiceSession;
import org.byon.gateway.it.client.model.SdpDescriptor;
import org.byon.gateway.it.client.model.VoiceSession;
import org.byon.gateway.it.client.model.VoiceSessionStatus;
import org.byon.gateway.it.client.model.VoiceSessionStatusChange;
import org.byon.gateway.it.client.model.VoiceSessionStatusRequest;
import org.junit.jupiter.api.Test;

/**
 * Hold and Resume: the 200 response and both legs' events carry an answer to the offer just sent, with the
 * direction mirrored (sendonly offer, recvonly answer; sendrecv offer, sendrecv answer). Between two web
 * endpoints it is the peer's own SDP (its ICE and DTLS parameters, its DTLS role); to an external number it
 * is the simulated far end's answer, which keeps that far end's ICE and DTLS parameters.
 */
class HoldResumeSdpIT extends GatewayITSupport {
    /** alice's browser: a real Chromium 156 offer (ice-ufrag 4HvH, setup actpass, mid 0). */
    private static final String ALICE_OFFER = resource("/sdp/chromium-156-offer.sdp");
    /** bob's browser answers: its own ICE and DTLS parameters, DTLS client (setup active). */
    private static final String BOB_ANSWER = "v=0\r\no=- 3104826712559014582 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\na=msid-semantic: WMS\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:bobF\r\na=ice-pwd:Zk2mQ8vXr1LpT6wYc3Hn0sJd\r\n"
            + "a=ice-options:trickle\r\na=fingerprint:sha-256 0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:"
            + "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9\r\na=setup:active\r\na=mid:0\r\na=sendrecv\r\n"
            + "a=msid:- 7d1c3f0e-2b8a-4c55-9e61-0f2a9b3c4d5e\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\n";

    private static String resource(String path) {
        try (InputStream in = HoldResumeSdpIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser's re-offer: same ICE/DTLS as its earlier SDP, setup actpass, the given direction, version v. */
    private static String reOffer(String sdp, String direction, int version) {
        StringBuilder sb = new StringBuilder();
        for (String l : sdp.split("\r\n")) {
            if (l.startsWith("o=")) {
                String[] f = l.split(" ");
                f[2] = String.valueOf(version);
                l = String.join(" ", f);
            } else if (l.startsWith("a=setup:")) {
                l = "a=setup:actpass";
            } else if (l.matches("a=(sendrecv|sendonly|recvonly|inactive)")) {
                l = "a=" + direction;
            }
            sb.append(l).append("\r\n");
        }
        return sb.toString();
    }

    private static List<String> directions(String sdp) {
        return sdp.lines().filter(l -> l.matches("a=(sendrecv|sendonly|recvonly|inactive)")).toList();
    }

    private static String attribute(String sdp, String name) {
        return sdp.lines().filter(l -> l.startsWith("a=" + name + ":")).map(l -> l.substring(name.length() + 3))
                .findFirst().orElse(null);
    }

    private VoiceSession put(String name, String id, VoiceSessionStatusRequest status, String offer)
            throws ApiException {
        return voice(name).updateVoiceSessionStatus(id,
                new VoiceSessionStatusChange().status(status).offer(new SdpDescriptor().sdp(offer)), null);
    }

    /** The n-th (0-based) session-status event of a leg with the given status. */
    private static JsonNode event(Endpoint e, String leg, String status, int n) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> events(e, leg, status).size() > n);
        return events(e, leg, status).get(n).path("data");
    }

    private static List<JsonNode> events(Endpoint e, String leg, String status) {
        return e.ws().events.stream().filter(ev -> ev.path("type").asText().endsWith("session-status")
                && ev.path("data").path("voiceSessionId").asText().equals(leg)
                && ev.path("data").path("status").asText().equals(status)).toList();
    }

    /** Checks one hold/resume step on both legs; returns the answer. */
    private String step(Endpoint holder, String holderLeg, Endpoint peer, String peerLeg, VoiceSession response,
                        String offer, String status, int n, String direction, String ufrag, String fingerprint,
                        String setup) {
        String answer = response.getAnswer().getSdp();
        assertThat(response.getStatus().getValue()).isEqualTo(status);
        assertThat(response.getOffer().getSdp()).isEqualTo(offer);
        assertThat(directions(answer)).as(answer).containsExactly("a=" + direction);
        assertThat(attribute(answer, "ice-ufrag")).isEqualTo(ufrag);
        assertThat(attribute(answer, "fingerprint")).isEqualTo(fingerprint);
        assertThat(attribute(answer, "setup")).isEqualTo(setup);
        assertThat(attribute(answer, "mid")).isEqualTo("0");
        JsonNode own = event(holder, holderLeg, status, n);
        assertThat(own.path("offer").path("sdp").asText()).isEqualTo(offer);
        assertThat(own.path("answer").path("sdp").asText()).isEqualTo(answer);
        if (peer != null) {
            JsonNode relayed = event(peer, peerLeg, status, n);
            assertThat(relayed.path("offer").path("sdp").asText()).isEqualTo(offer);
            assertThat(relayed.path("answer").path("sdp").asText()).isEqualTo(answer);
        }
        return answer;
    }

    @Test
    void bothLegsOfAWebCallGetTheirPeersSdpWithTheDirectionMirrored() throws Exception {
        smartphone("bob", "OFF");
        Endpoint alice = register("alice");
        Endpoint bob = register("bob");
        String out = voice("alice").createVoiceSession(new CreateVoiceSession().racmSessionId(alice.racmSessionId())
                .receiverAddress("tel:" + NUMBERS.get("bob")).offer(new SdpDescriptor().sdp(ALICE_OFFER)), null)
                .getVoiceSessionId();
        String in = bob.ws().awaitInvitation(0);
        voice("bob").updateVoiceSessionStatus(in, new VoiceSessionStatusChange()
                .status(VoiceSessionStatusRequest.CONNECTED).answer(new SdpDescriptor().sdp(BOB_ANSWER)), null);
        alice.ws().awaitStatuses(out, "Connected");
        String aliceFingerprint = attribute(ALICE_OFFER, "fingerprint");
        String bobFingerprint = attribute(BOB_ANSWER, "fingerprint");

        // the caller holds and resumes: bob's answer, mirrored; bob stays the DTLS client
        String aliceHold = reOffer(ALICE_OFFER, "sendonly", 3);
        String answer = step(alice, out, bob, in, put("alice", out, VoiceSessionStatusRequest.HOLD, aliceHold),
                aliceHold, "Hold", 0, "recvonly", "bobF", bobFingerprint, "active");
        assertThat(answer).contains("a=rtpmap:111 opus/48000/2", "a=rtcp-mux", "a=group:BUNDLE 0");
        String aliceResume = reOffer(ALICE_OFFER, "sendrecv", 4);
        step(alice, out, bob, in, put("alice", out, VoiceSessionStatusRequest.RESUME, aliceResume),
                aliceResume, "Connected", 1, "sendrecv", "bobF", bobFingerprint, "active");

        // the callee holds and resumes: alice's latest SDP (her resume offer) as the answer, with her role
        String bobHold = reOffer(BOB_ANSWER, "sendonly", 3);
        VoiceSession held = put("bob", in, VoiceSessionStatusRequest.HOLD, bobHold);
        answer = step(bob, in, alice, out, held, bobHold, "Hold", 1, "recvonly", "4HvH", aliceFingerprint, "passive");
        assertThat(answer).doesNotContain("a=setup:actpass").contains("a=rtpmap:111 opus/48000/2");
        assertThat(voice("alice").getVoiceSession(out, null).getStatus()).isEqualTo(VoiceSessionStatus.HOLD);
        String bobResume = reOffer(BOB_ANSWER, "sendrecv", 4);
        step(bob, in, alice, out, put("bob", in, VoiceSessionStatusRequest.RESUME, bobResume),
                bobResume, "Connected", 2, "sendrecv", "4HvH", aliceFingerprint, "passive");

        // GET shows the latest offer/answer exchange
        VoiceSession now = voice("alice").getVoiceSession(out, null);
        assertThat(now.getOffer().getSdp()).isEqualTo(bobResume);
        assertThat(directions(now.getAnswer().getSdp())).containsExactly("a=sendrecv");
        voice("alice").deleteVoiceSession(out, null);
        alice.ws().assertValid();
        bob.ws().assertValid();
    }

    @Test
    void anExternalNumberAnswersEachReOfferKeepingItsIceAndDtls() throws Exception {
        Endpoint alice = register("alice");
        String out = voice("alice").createVoiceSession(new CreateVoiceSession().racmSessionId(alice.racmSessionId())
                .receiverAddress("tel:+447700900100").offer(new SdpDescriptor().sdp(ALICE_OFFER)), null)
                .getVoiceSessionId();
        alice.ws().awaitStatuses(out, "Connected");
        String first = alice.ws().statusEvent(out, "Connected").path("data").path("answer").path("sdp").asText();
        assertThat(directions(first)).containsExactly("a=sendrecv");
        String ufrag = attribute(first, "ice-ufrag");
        String fingerprint = attribute(first, "fingerprint");
        assertThat(ufrag).isNotNull();
        assertThat(fingerprint).matches("sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}");

        String hold = reOffer(ALICE_OFFER, "sendonly", 3);
        step(alice, out, null, null, put("alice", out, VoiceSessionStatusRequest.HOLD, hold), hold, "Hold", 0,
                "recvonly", ufrag, fingerprint, "active");
        String resume = reOffer(ALICE_OFFER, "sendrecv", 4);
        String answer = step(alice, out, null, null, put("alice", out, VoiceSessionStatusRequest.RESUME, resume),
                resume, "Connected", 1, "sendrecv", ufrag, fingerprint, "active");
        assertThat(answer.lines().toList().get(1).split(" ")[1]).isEqualTo(first.lines().toList().get(1).split(" ")[1]);
        voice("alice").deleteVoiceSession(out, null);
        alice.ws().assertValid();
    }
}
