package org.byon.gateway.channel;

/** {@code ChannelEndsData.terminationReason}. */
public enum ChannelEndReason {
    CHANNEL_EXPIRED, DELETED, WEBHOOK_GONE, DELIVERY_FAILED, NETWORK_TERMINATED
}
