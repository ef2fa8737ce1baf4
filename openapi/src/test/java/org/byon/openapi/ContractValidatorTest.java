package org.byon.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one validator: it accepts the contract's own examples and rejects what the contract forbids. */
class ContractValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> JSON_HEADERS = Map.of("Content-Type", List.of("application/json"));
    private static ByonContract contract;
    private static ContractValidator validator;

    @BeforeAll
    static void build() {
        contract = ByonContract.load();
        validator = ContractValidator.of(contract);
    }

    @Test
    void aWebSocketChannelResponseValidatesAndLosesItsChannelUrlToAnError() throws Exception {
        ObjectNode channel = (ObjectNode) example("WebSocketChannelResponse");
        String path = contract.basePath() + "/channels";
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"),
                "Location", List.of(channel.get("resourceURL").asText()));
        assertThat(validator.validateResponse("POST", path, 201, headers, channel.toString())).isEmpty();

        ((ObjectNode) channel.get("channelData")).remove("channelURL");
        assertThat(validator.validateResponse("POST", path, 201, headers, channel.toString())).isNotEmpty();
        channel.remove("channelData");
        assertThat(validator.validateResponse("POST", path, 201, headers, channel.toString())).isNotEmpty();
    }

    @Test
    void aChannelWhoseDataIsOfAnotherTypeIsRejected() throws Exception {
        ObjectNode channel = (ObjectNode) example("WebSocketChannelResponse");
        channel.set("channelData", example("WebhookChannelResponse").get("channelData"));
        assertThat(validator.validateResponse("GET", contract.basePath() + "/channels/ch-1", 200, JSON_HEADERS,
                channel.toString())).isNotEmpty();
    }

    @Test
    void anUnknownResponsePropertyIsRejected() throws Exception {
        ObjectNode session = (ObjectNode) example("RacmSessionResponse");
        String path = contract.basePath() + "/racm/sessions/rs-1";
        assertThat(validator.validateResponse("GET", path, 200, JSON_HEADERS, session.toString())).isEmpty();
        session.put("leaked", "x");
        assertThat(validator.validateResponse("GET", path, 200, JSON_HEADERS, session.toString())).isNotEmpty();
    }

    @Test
    void aRequestIsValidatedAgainstTheConcreteChannelType() throws Exception {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"),
                "Authorization", List.of("Bearer t"));
        String path = contract.basePath() + "/channels";
        String webhook = contract.exampleValues().stream()
                .filter(v -> "Webhook".equals(v.path("channelType").asText()) && !v.has("channelId"))
                .findFirst().orElseThrow().toString();
        assertThat(validator.validateRequest("POST", path, Map.of(), headers, webhook)).isEmpty();
        assertThat(validator.validateRequest("POST", path, Map.of(), headers, "{\"channelType\":\"Webhook\"}")).isNotEmpty();
        assertThat(validator.validateRequest("POST", path, Map.of(), headers, "{\"channelType\":\"Pigeon\"}")).isNotEmpty();
    }

    @Test
    void anErrorInfoWithoutMessageIsRejected() {
        String path = contract.basePath() + "/voice/sessions/vs-1";
        assertThat(validator.validateResponse("GET", path, 404, JSON_HEADERS,
                "{\"status\":404,\"code\":\"NOT_FOUND\",\"message\":\"gone\"}")).isEmpty();
        assertThat(validator.validateResponse("GET", path, 404, JSON_HEADERS,
                "{\"status\":404,\"code\":\"NOT_FOUND\"}")).isNotEmpty();
    }

    @Test
    void anEventOfEachTypeValidatesAndBrokenDataIsRejected() {
        for (EventSpec type : contract.eventTypes()) {
            ObjectNode event = eventExample(type);
            EventCheck ok = validator.validateEvent(event);
            assertThat(ok.errors()).as(type.type()).isEmpty();
            assertThat(ok.type()).contains(type);

            ObjectNode noData = event.deepCopy();
            noData.remove("data");
            assertThat(validator.validateEvent(noData).valid()).as(type.type() + " without data").isFalse();
            ObjectNode emptyData = event.deepCopy();
            emptyData.putObject("data");
            assertThat(validator.validateEvent(emptyData).valid()).as(type.type() + " with empty data").isFalse();
        }
    }

    @Test
    void anEventWithAnotherTypesDataIsRejected() {
        ObjectNode status = eventExample(contract.eventType("org.byon.voice.v1.session-status").orElseThrow());
        ObjectNode ends = eventExample(contract.eventType("org.byon.channel.v1.channel-ends").orElseThrow());
        status.set("data", ends.get("data"));
        assertThat(validator.validateEvent(status).errors()).isNotEmpty();
    }

    @Test
    void anUnknownEventTypeIsIgnorableWhenItsEnvelopeIsValid() {
        ObjectNode event = eventExample(contract.eventTypes().get(1));
        event.put("type", "org.byon.voice.v9.something-new");
        event.putObject("data").put("whatever", 1);
        EventCheck check = validator.validateEvent(event);
        assertThat(check.known()).isFalse();
        assertThat(check.errors()).isEmpty();

        event.remove("id");
        event.put("sequence", 0);
        EventCheck broken = validator.validateEvent(event);
        assertThat(broken.known()).isFalse();
        assertThat(broken.errors()).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void notJsonIsReported() {
        assertThat(validator.validateEvent("{nope").errors()).singleElement().asString().contains("not JSON");
        assertThat(validator.validateEvent("[]").errors()).isNotEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode example(String name) {
        return JSON.valueToTree(contract.tree().path("components").path("examples").path(name).path("value")).deepCopy();
    }

    private static ObjectNode eventExample(EventSpec type) {
        for (var value : contract.exampleValues()) {
            if (type.type().equals(value.path("type").asText()) && value.has("data")) {
                return (ObjectNode) value.deepCopy();
            }
        }
        throw new AssertionError("no example of " + type.type());
    }
}
