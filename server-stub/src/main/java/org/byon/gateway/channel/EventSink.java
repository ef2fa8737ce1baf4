package org.byon.gateway.channel;

/** A live connection events are pushed to (a WebSocket in the gateway, a list in unit tests). */
public interface EventSink {
    /** Sends one event (one text frame); false if the connection is broken. */
    boolean send(RetainedEvent event);

    /** Closes the connection with a WebSocket close code. */
    void close(int code, String reason);

    boolean isOpen();
}
