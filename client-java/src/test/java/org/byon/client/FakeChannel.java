package org.byon.client;

import java.time.OffsetDateTime;
import java.util.Optional;

/** A channel handle that only names a channel id (for registration tests without a WebSocket). */
record FakeChannel(String channelId) implements NotificationChannelHandle {
    @Override
    public Type type() {
        return Type.PUSH_NOTIFICATION;
    }

    @Override
    public Optional<OffsetDateTime> expiresAt() {
        return Optional.empty();
    }

    @Override
    public long lastSequence() {
        return 0;
    }

    @Override
    public boolean isConnected() {
        return false;
    }

    @Override
    public void close() {
    }
}
