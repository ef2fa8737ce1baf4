package org.byon.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients built without an HTTP client share the process-wide default: one selector thread however
 * many clients are open, none of the client's after {@code close()}. On Java 21+ the default is
 * stopped with the last client; on Java 17 (which cannot stop an HTTP client) it is kept and reused.
 */
class DefaultHttpClientTest {

    @Test
    void clientsOnTheDefaultsShareOneSelectorThreadAndCloseLeavesNone() {
        long before = selectors(); // other tests' HTTP clients may still be alive (until GC)
        List<ByonClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(ByonClient.builder().apiRoot("http://127.0.0.1:9").tokenSource(TokenSource.of(() -> "t")).build());
        }
        long open = selectors();
        assertThat(open - before).as("selector threads added by 20 open default clients").isLessThanOrEqualTo(1);
        clients.forEach(ByonClient::close); // still referenced below: nothing may wait for the garbage collector
        if (Runtime.version().feature() >= 21) {
            await().atMost(Duration.ofSeconds(5)).until(() -> selectors() <= before);
        } else {
            assertThat(selectors()).as("Java 17: the default HTTP client kept for the next client").isLessThanOrEqualTo(open);
        }
        try (ByonClient next = ByonClient.builder().apiRoot("http://127.0.0.1:9").tokenSource(TokenSource.of(() -> "t")).build()) {
            assertThat(selectors()).as("selector threads with the next client").isLessThanOrEqualTo(open);
        }
        assertThat(clients).hasSize(20);
    }

    private static long selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .count();
    }
}
