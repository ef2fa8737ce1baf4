package org.byon.conformance.tests;

import java.util.List;

/** The operations of byon.yaml as the suite drives them: method, path template, pointer, and whether an id is in the path. */
record Ops(String operationId, String method, String path, String pointer, String idParam) {
    static final List<Ops> ALL = List.of(
            new Ops("createNotificationChannel", "POST", "/channels", "#/paths/~1channels/post", null),
            new Ops("listNotificationChannels", "GET", "/channels", "#/paths/~1channels/get", null),
            new Ops("getNotificationChannel", "GET", "/channels/{id}", "#/paths/~1channels~1{channelId}/get", "channelId"),
            new Ops("updateNotificationChannel", "PUT", "/channels/{id}", "#/paths/~1channels~1{channelId}/put", "channelId"),
            new Ops("deleteNotificationChannel", "DELETE", "/channels/{id}", "#/paths/~1channels~1{channelId}/delete", "channelId"),
            new Ops("createRacmSession", "POST", "/racm/sessions", "#/paths/~1racm~1sessions/post", null),
            new Ops("getRacmSession", "GET", "/racm/sessions/{id}", "#/paths/~1racm~1sessions~1{racmSessionId}/get", "racmSessionId"),
            new Ops("updateRacmSession", "PUT", "/racm/sessions/{id}", "#/paths/~1racm~1sessions~1{racmSessionId}/put", "racmSessionId"),
            new Ops("deleteRacmSession", "DELETE", "/racm/sessions/{id}", "#/paths/~1racm~1sessions~1{racmSessionId}/delete", "racmSessionId"),
            new Ops("createVoiceSession", "POST", "/voice/sessions", "#/paths/~1voice~1sessions/post", null),
            new Ops("getVoiceSession", "GET", "/voice/sessions/{id}", "#/paths/~1voice~1sessions~1{voiceSessionId}/get", "voiceSessionId"),
            new Ops("updateVoiceSessionStatus", "PUT", "/voice/sessions/{id}/status", "#/paths/~1voice~1sessions~1{voiceSessionId}~1status/put", "voiceSessionId"),
            new Ops("deleteVoiceSession", "DELETE", "/voice/sessions/{id}", "#/paths/~1voice~1sessions~1{voiceSessionId}/delete", "voiceSessionId"));

    String path(String id) {
        return path.replace("{id}", id);
    }

    /** A syntactically valid body for the operation (ids may not exist). */
    String sampleBody() {
        return switch (operationId) {
            case "createNotificationChannel" -> "{\"channelType\":\"WebSocket\"}";
            case "updateNotificationChannel", "updateRacmSession" -> "{}";
            case "createRacmSession" -> "{\"deviceId\":\"8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11\",\"channelId\":\"ch-byon-ct-unknown\"}";
            case "createVoiceSession" -> "{\"racmSessionId\":\"rs-byon-ct-unknown\",\"receiverAddress\":\"tel:+447700900002\",\"offer\":{\"sdp\":\"v=0\\r\\no=- 1 1 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\n\"}}";
            case "updateVoiceSessionStatus" -> "{\"status\":\"Ringing\"}";
            default -> null;
        };
    }

    static Ops byId(String operationId) {
        return ALL.stream().filter(o -> o.operationId.equals(operationId)).findFirst().orElseThrow();
    }
}
