package org.byon.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.byon.client.internal.openapi.model.SessionStatusData;
import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;
import org.junit.jupiter.api.Test;

/** The parser knows exactly the event types of byon.yaml, each with the generated model of its data schema. */
class EventParserContractTest {

    @Test
    void everyContractTypeParsesIntoItsGeneratedDataModel() {
        Map<String, Class<?>> classes = EventParser.dataClasses(ByonContract.load());
        assertThat(classes.keySet()).containsExactlyInAnyOrderElementsOf(
                ByonContract.load().eventTypes().stream().map(EventSpec::type).toList());
        classes.forEach((type, cls) -> assertThat(EventParser.typeOf(cls)).isEqualTo(type));
    }

    @Test
    void aDataSchemaWithoutGeneratedModelIsRefused() {
        ByonContract missing = ByonContract.parse(ByonContract.load().yaml()
                .replace("$ref: '#/components/schemas/SessionStatusData'", "$ref: '#/components/schemas/NoSuchData'")
                .replace("    SessionStatusData:", "    NoSuchData:"));
        assertThatThrownBy(() -> EventParser.dataClasses(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NoSuchData");
    }

    @Test
    void anUnknownTypeIsParsedWithoutData() {
        EventParser parser = new EventParser(new ObjectMapper());
        String json = """
                {"specversion":"1.0","id":"e1","source":"/x","type":"org.byon.future.v9.thing",
                 "time":"2030-01-01T10:00:00Z","datacontenttype":"application/json","sequence":1,"data":{"a":1}}""";
        EventParser.Parsed p = parser.parse(json);
        assertThat(p.data()).isNull();
        assertThat(p.rawData().path("a").asInt()).isEqualTo(1);
        String status = json.replace("org.byon.future.v9.thing", EventParser.typeOf(SessionStatusData.class))
                .replace("{\"a\":1}", "{\"voiceSessionId\":\"vs-1\",\"racmSessionId\":\"rs-1\",\"status\":\"Ringing\"}");
        assertThat(parser.parse(status).data()).isInstanceOf(SessionStatusData.class);
    }
}
