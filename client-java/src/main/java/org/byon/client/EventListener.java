package org.byon.client;

/**
 * Receives the events of one notification channel.
 *
 * <p>Threading: the methods of one listener are called one at a time, in sequence order, on a
 * thread of the client's executor (never on the thread that reads the WebSocket), so a listener may
 * block or call the API (for example {@link IncomingCall#answer(String)}) without stalling the
 * socket; with an injected bounded executor, size it for blocking listeners. A webhook's listener
 * runs on the thread that called {@link ByonWebhook#handle}. A listener shared by several channels must itself be thread-safe. Exceptions thrown by a
 * listener are logged and otherwise ignored.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * Called once per event, in sequence order, never twice for the same sequence number (events
     * replayed after a reconnect that were already delivered are dropped).
     *
     * @param event the event
     */
    void onEvent(ByonEvent event);

    /**
     * Called when events were lost: the next sequence number received is larger than expected (the
     * gateway no longer retained the missing events, or it skipped numbers). The event with
     * {@code receivedSequence} is delivered to {@link #onEvent} right after this call. A caller that
     * needs the lost state can read it back with the API (for example {@link Call#refresh()}).
     *
     * @param expectedSequence the sequence number that should have come next
     * @param receivedSequence the sequence number that came instead
     */
    default void onGap(long expectedSequence, long receivedSequence) {
    }

    /**
     * Called when the WebSocket was lost unexpectedly; the channel reconnects on its own with
     * {@code lastSequence} resume.
     *
     * @param cause why, possibly {@code null}
     */
    default void onDisconnected(Throwable cause) {
    }

    /**
     * Called after a successful reconnect; replayed events follow through {@link #onEvent}.
     *
     * @param lastSequence the sequence number the channel resumed after
     */
    default void onReconnected(long lastSequence) {
    }

    /**
     * Called once when the channel is closed for good: by {@link NotificationChannelHandle#close()},
     * by a {@code channel-ends} event, or because the gateway refused to reconnect.
     */
    default void onClosed() {
    }
}
