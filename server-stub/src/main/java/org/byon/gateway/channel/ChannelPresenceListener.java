package org.byon.gateway.channel;

/**
 * Told when a WebSocket channel gains or loses its connection (not for a connection replaced by a newer one of the
 * same channel, nor after the channel ended). Called outside the channel's lock; must not block.
 */
public interface ChannelPresenceListener {
    /** A WebSocket is attached to the channel. */
    void connected(Channel channel);

    /** The channel's WebSocket is gone and no other is attached. */
    void disconnected(Channel channel);
}
