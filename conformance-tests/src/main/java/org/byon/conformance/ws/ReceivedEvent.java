package org.byon.conformance.ws;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * One event as received on a channel: the parsed CloudEvent (a missing node when the frame was not
 * JSON), the raw text, when it arrived, and the contract violations of the event.
 */
public record ReceivedEvent(JsonNode json, String raw, Instant receivedAt, List<String> violations) {
    public String type() {
        return json.path("type").asText("");
    }

    public JsonNode data() {
        return json.path("data");
    }

    public String dataText(String field) {
        JsonNode n = data().path(field);
        return n.isValueNode() ? n.asText() : null;
    }

    public Long sequence() {
        JsonNode s = json.path("sequence");
        return s.canConvertToLong() && s.isIntegralNumber() ? s.asLong() : null;
    }

    public boolean isStatus(String voiceSessionId, String status) {
        return type().endsWith(".session-status") && voiceSessionId.equals(dataText("voiceSessionId"))
                && status.equals(dataText("status"));
    }

    public String brief() {
        return type().replace("org.byon.", "") + " seq=" + sequence() + " "
                + (dataText("status") != null ? dataText("status") : "")
                + (dataText("reason") != null ? "/" + dataText("reason") : "")
                + (dataText("terminationReason") != null ? dataText("terminationReason") : "");
    }
}
