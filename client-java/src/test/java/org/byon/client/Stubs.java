package org.byon.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Shared WireMock stubs of a BYON gateway and its token endpoint. */
final class Stubs {

    static final String TOKEN_PATH = "/oauth2/token";

    private Stubs() {
    }

    static void token(WireMockExtension wm, String value, long expiresIn) {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
    }

    static ByonClient client(WireMockExtension wm) {
        token(wm, "tok-1", 600);
        return ByonClient.builder()
                .apiRoot(wm.baseUrl())
                .tokenSource(TokenSource.clientCredentials(URI.create(wm.baseUrl() + TOKEN_PATH), "alice", "alice-secret"))
                .build();
    }

    static void pushChannelCreated(WireMockExtension wm) {
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/channels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", wm.baseUrl() + "/byon/v0.2/channels/ch-1")
                .withBody("""
                        {"channelId":"ch-1","channelType":"PushNotification",
                         "channelData":{"registrationToken":"push-token-1"},
                         "expiresAt":"2030-01-01T00:00:00Z","resourceURL":"%s/byon/v0.2/channels/ch-1"}
                        """.formatted(wm.baseUrl()))));
    }

    static void registrationCreated(WireMockExtension wm, Instant expiresAt, String extraJson) {
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/racm/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"racmSessionId":"rs-1","deviceId":"8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11","channelId":"ch-1",
                         "phoneNumber":"+447700900001","status":"Registered","expiresAt":"%s"%s}
                        """.formatted(expiresAt, extraJson))));
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
