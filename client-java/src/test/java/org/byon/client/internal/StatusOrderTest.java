package org.byon.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.byon.client.CallStatus;
import org.byon.client.TokenSource;
import org.junit.jupiter.api.Test;

/** A call's status never goes backwards, however responses and events race. */
class StatusOrderTest {

    private final Transport transport = new Transport(URI.create("http://127.0.0.1:9/byon/v1"), TokenSource.of(() -> "t"),
            null, Duration.ofSeconds(1));

    private CallImpl call() {
        return new CallImpl(transport, "vs-1", "rs-1", false, "tel:+447700900002", CallStatus.INITIAL, null);
    }

    private static StatusUpdate event(CallStatus s, long seq) {
        return new StatusUpdate(s, null, null, null, seq);
    }

    private static StatusUpdate response(CallStatus s) {
        return new StatusUpdate(s, null, null, null);
    }

    @Test
    void aPostResponseReadAfterItsEventsDoesNotMoveTheCallBack() {
        // the race of issue 14: the POST response (already Ringing) is applied, then the early events
        CallImpl call = call();
        List<CallStatus> seen = new ArrayList<>();
        for (StatusUpdate u : List.of(response(CallStatus.RINGING), event(CallStatus.IN_PROGRESS, 5), event(CallStatus.RINGING, 6))) {
            call.apply(u);
            seen.add(call.status());
        }
        assertThat(seen).containsExactly(CallStatus.RINGING, CallStatus.RINGING, CallStatus.RINGING);
    }

    @Test
    void eventsApplyInSequenceOrderAndStaleOnesAreDropped() {
        CallImpl call = call();
        call.apply(event(CallStatus.CONNECTED, 3));
        call.apply(event(CallStatus.HOLD, 4));
        call.apply(event(CallStatus.CONNECTED, 3)); // replayed, older
        assertThat(call.status()).isEqualTo(CallStatus.HOLD);
        call.apply(event(CallStatus.CONNECTED, 5)); // resumed: same rank, newer
        assertThat(call.status()).isEqualTo(CallStatus.CONNECTED);
    }

    @Test
    void aResponseOfTheSameStageLosesToAnEventThatArrivedWhileItWasInFlight() {
        CallImpl call = call();
        call.apply(event(CallStatus.CONNECTED, 1));
        long before = call.eventsApplied();
        call.apply(event(CallStatus.HOLD, 2)); // the peer held while our GET was in flight
        assertThat(call.apply(response(CallStatus.CONNECTED), before)).isFalse();
        assertThat(call.status()).isEqualTo(CallStatus.HOLD);

        long quiet = call.eventsApplied();
        assertThat(call.apply(response(CallStatus.CONNECTED), quiet)).as("no event in flight: the response is current").isTrue();
        assertThat(call.status()).isEqualTo(CallStatus.CONNECTED);
    }

    @Test
    void aTerminalStatusIsFinal() {
        CallImpl call = call();
        call.apply(event(CallStatus.BUSY, 2));
        call.apply(event(CallStatus.RINGING, 3));
        call.apply(response(CallStatus.CONNECTED));
        assertThat(call.status()).isEqualTo(CallStatus.BUSY);
        assertThat(call.statusFuture(CallStatus.CONNECTED)).isCompletedWithValue(CallStatus.BUSY);
    }
}
