package org.byon.gateway.channel;

import org.byon.openapi.ByonContract;

/**
 * Paths and CloudEvent sources of the notification side, under the base path byon.yaml's server URL declares;
 * each resource's path is its get operation's path in byon.yaml.
 */
public final class NotificationPaths {
    /** byon.yaml's base path, e.g. {@code /byon/v0.2}. */
    public static final String BASE_PATH = ByonContract.load().basePath();
    /** The WebSocket endpoint (the gateway's own, an opaque {@code channelURL} to clients); the last path segment is the channel's credential. */
    public static final String WS_PREFIX = BASE_PATH + "/notifications/ws/";

    private static final String CHANNELS = resource("getNotificationChannel");
    private static final String RACM_SESSIONS = resource("getRacmSession");
    private static final String VOICE_SESSIONS = resource("getVoiceSession");

    private NotificationPaths() {
    }

    /** The base path and the operation's path with an empty id, e.g. {@code /byon/v0.2/channels/}. */
    private static String resource(String getOperationId) {
        return BASE_PATH + ByonContract.load().requireOperation(getOperationId).path("");
    }

    public static String channelSource(String channelId) {
        return CHANNELS + channelId;
    }

    public static String racmSource(String racmSessionId) {
        return RACM_SESSIONS + racmSessionId;
    }

    public static String voiceSource(String voiceSessionId) {
        return VOICE_SESSIONS + voiceSessionId;
    }
}
