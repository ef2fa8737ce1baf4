package org.byon.client.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.byon.client.ByonEvent;
import org.byon.client.EventListener;
import org.byon.client.NotificationChannelHandle;
import org.byon.client.TokenSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket channel against a scripted WebSocket server: resume, duplicates, gaps, close codes. */
class WebSocketChannelTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private TinyWebSocketServer ws;
    private ClientContext context;
    private final List<Long> sequences = new CopyOnWriteArrayList<>();
    private final List<long[]> gaps = new CopyOnWriteArrayList<>();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private final EventListener listener = new EventListener() {
        @Override
        public void onEvent(ByonEvent event) {
            sequences.add(event.sequence());
        }

        @Override
        public void onGap(long expected, long received) {
            gaps.add(new long[] {expected, received});
        }

        @Override
        public void onDisconnected(Throwable cause) {
            disconnects.incrementAndGet();
        }

        @Override
        public void onReconnected(long lastSequence) {
            reconnects.incrementAndGet();
        }

        @Override
        public void onClosed() {
            closed.incrementAndGet();
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        ws = new TinyWebSocketServer();
        wm.stubFor(post(urlPathEqualTo("/byon/v0.2/channels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"channelId":"ch-1","channelType":"WebSocket","channelData":{"channelURL":"%s"},
                         "expiresAt":"2099-01-01T00:00:00Z","resourceURL":"http://x/byon/v0.2/channels/ch-1"}
                        """.formatted(ws.url("/ws/ch-1/secret")))));
        wm.stubFor(delete(urlPathEqualTo("/byon/v0.2/channels/ch-1")).willReturn(aResponse().withStatus(204)));
        Transport transport = new Transport(URI.create(wm.baseUrl() + "/byon/v0.2"), TokenSource.of(() -> "t"), null,
                Duration.ofSeconds(5));
        context = new ClientContext(transport, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() throws Exception {
        context.close();
        ws.close();
    }

    private NotificationChannelHandle open() {
        NotificationChannelHandle channel = Channels.openWebSocket(context, context.transport(), listener);
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.connections() == 1);
        return channel;
    }

    private void send(long... seqs) throws Exception {
        for (long s : seqs) {
            ws.send("""
                    {"specversion":"1.0","id":"ev-%d","source":"/byon/v0.2/voice/sessions/vs-1",
                     "type":"org.byon.voice.v1.session-status","time":"2030-01-01T00:00:00Z",
                     "datacontenttype":"application/json","sequence":%d,
                     "data":{"voiceSessionId":"vs-1","racmSessionId":"rs-1","status":"Ringing"}}""".formatted(s, s));
        }
    }

    @Test
    void reconnectResumesAfterTheLastSequenceAndDropsReplayedDuplicates() throws Exception {
        NotificationChannelHandle channel = open();
        assertThat(ws.requestTargets.get(0)).isEqualTo("/ws/ch-1/secret");
        send(1, 2, 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> sequences.size() == 3);

        ws.drop();
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.connections() == 2 && reconnects.get() == 1);
        assertThat(ws.requestTargets.get(1)).isEqualTo("/ws/ch-1/secret?lastSequence=3");
        send(2, 3, 4, 5); // a replay that overlaps what was delivered already

        await().atMost(Duration.ofSeconds(5)).until(() -> sequences.size() == 5);
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(gaps).isEmpty();
        assertThat(disconnects.get()).isEqualTo(1);
        assertThat(channel.lastSequence()).isEqualTo(5);
        assertThat(channel.isConnected()).isTrue();
    }

    @Test
    void missingSequencesAreReportedAsAGapBeforeTheNextEvent() throws Exception {
        open();
        send(1, 2, 5);

        await().atMost(Duration.ofSeconds(5)).until(() -> sequences.size() == 3);
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0)).containsExactly(3L, 5L);
        assertThat(sequences).containsExactly(1L, 2L, 5L);
    }

    @Test
    void goingAwayCloseReconnectsWithResume() throws Exception {
        open();
        send(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> sequences.size() == 1);

        ws.close(1001);

        await().atMost(Duration.ofSeconds(5)).until(() -> ws.connections() == 2);
        assertThat(ws.requestTargets.get(1)).endsWith("?lastSequence=1");
        assertThat(closed.get()).isZero();
    }

    @Test
    void normalCloseAndUnknownChannelCloseEndTheChannelWithoutReconnect() throws Exception {
        NotificationChannelHandle channel = open();

        ws.close(1000);

        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> ws.connections() == 1);
        assertThat(channel.isConnected()).isFalse();
    }

    @Test
    void replacedConnectionCloseEndsTheChannel() throws Exception {
        open();

        ws.close(4409);

        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> ws.connections() == 1);
    }

    @Test
    void closeDeletesTheChannelAndStopsReconnecting() throws Exception {
        NotificationChannelHandle channel = open();

        channel.close();
        ws.drop();

        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
        wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlPathEqualTo("/byon/v0.2/channels/ch-1")));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> ws.connections() == 1);
    }
}
