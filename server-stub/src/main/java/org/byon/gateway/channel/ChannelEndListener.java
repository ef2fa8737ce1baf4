package org.byon.gateway.channel;

/** Told when a channel ends, before its {@code channel-ends} event is published. */
public interface ChannelEndListener {
    void channelEnding(Channel channel, ChannelEndReason reason);
}
