package org.byon.gateway.channel;

/** Paths and CloudEvent sources of the notification side. */
public final class NotificationPaths {
    /** The WebSocket endpoint; the last path segment is the channel's credential. */
    public static final String WS_PREFIX = "/byon/v0.2/notifications/ws/";

    private NotificationPaths() {
    }

    public static String channelSource(String channelId) {
        return "/byon/v0.2/channels/" + channelId;
    }

    public static String racmSource(String racmSessionId) {
        return "/byon/v0.2/racm/sessions/" + racmSessionId;
    }

    public static String voiceSource(String voiceSessionId) {
        return "/byon/v0.2/voice/sessions/" + voiceSessionId;
    }
}
