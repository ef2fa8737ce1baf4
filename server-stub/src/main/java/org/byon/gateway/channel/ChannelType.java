package org.byon.gateway.channel;

/** How a channel delivers events. */
public enum ChannelType {
    WEBSOCKET, WEBHOOK, PUSH_NOTIFICATION
}
