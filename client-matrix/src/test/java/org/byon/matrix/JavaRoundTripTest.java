package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.byon.matrix.java.ApiClient;
import org.byon.matrix.java.model.ChannelEndsEvent;
import org.byon.matrix.java.model.CloudEvent;
import org.byon.matrix.java.model.CreateNotificationChannel;
import org.byon.matrix.java.model.CreatePushNotificationChannel;
import org.byon.matrix.java.model.CreateWebSocketNotificationChannel;
import org.byon.matrix.java.model.CreateWebhookNotificationChannel;
import org.byon.matrix.java.model.NotificationChannel;
import org.byon.matrix.java.model.PushNotificationChannel;
import org.byon.matrix.java.model.RegistrationEndsEvent;
import org.byon.matrix.java.model.SessionInvitationEvent;
import org.byon.matrix.java.model.SessionStatusEvent;
import org.byon.matrix.java.model.WebSocketNotificationChannel;
import org.byon.matrix.java.model.WebhookNotificationChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java leg of the matrix: the java/native client generated with client-java's options
 * decodes every example of byon.yaml into its concrete subtype, the discriminated fields are
 * reachable through the generated typed getters (no casts), and it re-encodes to the same JSON.
 */
class JavaRoundTripTest {

    private static final String MODELS = "org.byon.matrix.java.model.";
    private final ObjectMapper mapper = ApiClient.createDefaultObjectMapper();

    record Discriminated(String subtype, String pointer, Object field) {
    }

    static Discriminated discriminated(Object decoded) {
        if (decoded instanceof NotificationChannel c) {
            Object actual = c.getActualInstance();
            if (actual instanceof WebSocketNotificationChannel) {
                return new Discriminated("WebSocketNotificationChannel", "/channelData/channelURL",
                        c.getWebSocketNotificationChannel().getChannelData().getChannelURL());
            }
            if (actual instanceof WebhookNotificationChannel) {
                return new Discriminated("WebhookNotificationChannel", "/channelData/notificationUrl",
                        c.getWebhookNotificationChannel().getChannelData().getNotificationUrl());
            }
            if (actual instanceof PushNotificationChannel) {
                return new Discriminated("PushNotificationChannel", "/channelData/registrationToken",
                        c.getPushNotificationChannel().getChannelData().getRegistrationToken());
            }
        } else if (decoded instanceof CreateNotificationChannel c) {
            Object actual = c.getActualInstance();
            if (actual instanceof CreateWebSocketNotificationChannel) {
                return new Discriminated("CreateWebSocketNotificationChannel", "/channelType",
                        String.valueOf(c.getCreateWebSocketNotificationChannel().getChannelType()));
            }
            if (actual instanceof CreateWebhookNotificationChannel) {
                return new Discriminated("CreateWebhookNotificationChannel", "/channelData/notificationUrl",
                        c.getCreateWebhookNotificationChannel().getChannelData().getNotificationUrl());
            }
            if (actual instanceof CreatePushNotificationChannel) {
                return new Discriminated("CreatePushNotificationChannel", "/channelData/registrationToken",
                        c.getCreatePushNotificationChannel().getChannelData().getRegistrationToken());
            }
        } else if (decoded instanceof CloudEvent e) {
            Object actual = e.getActualInstance();
            if (actual instanceof SessionInvitationEvent) {
                return new Discriminated("SessionInvitationEvent", "/data/voiceSessionId",
                        e.getSessionInvitationEvent().getData().getVoiceSessionId());
            }
            if (actual instanceof SessionStatusEvent) {
                return new Discriminated("SessionStatusEvent", "/data/voiceSessionId",
                        e.getSessionStatusEvent().getData().getVoiceSessionId());
            }
            if (actual instanceof RegistrationEndsEvent) {
                return new Discriminated("RegistrationEndsEvent", "/data/racmSessionId",
                        e.getRegistrationEndsEvent().getData().getRacmSessionId());
            }
            if (actual instanceof ChannelEndsEvent) {
                return new Discriminated("ChannelEndsEvent", "/data/channelId",
                        e.getChannelEndsEvent().getData().getChannelId());
            }
        } else {
            return new Discriminated(decoded.getClass().getSimpleName(), "", null);
        }
        return new Discriminated("", "", null);
    }

    private Object decode(String schema, JsonNode value) throws Exception {
        return mapper.treeToValue(value, Class.forName(MODELS + schema));
    }

    @Test
    void everyExampleDecodesIntoItsSubtypeAndReEncodesToTheSameJson() throws Exception {
        JsonNode catalog = Examples.catalog();
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (JsonNode e : Examples.list(catalog.get("examples"))) {
            boolean array = e.has("items");
            String schema = array ? e.get("items").asText() : e.get("schema").asText();
            List<JsonNode> values = array ? Examples.list(e.get("value")) : List.of(e.get("value"));
            List<JsonNode> want = array ? Examples.list(e.get("subtypes")) : List.of(e.get("subtype"));
            String id = e.get("id").asText();
            try {
                List<Object> decoded = new ArrayList<>();
                boolean good = true;
                for (int i = 0; i < values.size(); i++) {
                    Object d = decode(schema, values.get(i));
                    decoded.add(d);
                    Discriminated dis = discriminated(d);
                    if (!dis.subtype().equals(want.get(i).asText())) {
                        failures.add(id + ": decoded as " + dis.subtype() + ", want " + want.get(i).asText());
                        good = false;
                    } else if (!dis.pointer().isEmpty()
                            && !values.get(i).at(dis.pointer()).asText().equals(String.valueOf(dis.field()))) {
                        failures.add(id + ": " + dis.pointer() + " = " + dis.field());
                        good = false;
                    }
                }
                JsonNode encoded = mapper.readTree(mapper.writeValueAsString(array ? decoded : decoded.get(0)));
                if (!Examples.matches(encoded, e)) {
                    failures.add(id + ": re-encoded JSON differs: " + encoded);
                    good = false;
                }
                ok += good ? 1 : 0;
            } catch (Exception ex) {
                failures.add(id + ": " + ex);
            }
        }
        System.out.printf("[client-matrix] java: %d of %d examples round-tripped%n", ok, catalog.get("examples").size());
        assertThat(failures).isEmpty();
        assertThat(ok).isPositive();
    }

    /**
     * Tolerant reader: an unknown property is ignored; enumUnknownDefaultCase maps an unknown
     * enum value to UNKNOWN_DEFAULT_OPEN_API; an unknown discriminator value matches no member of the oneOf
     * and fails to decode, so a Java client reads {@code type} first (client-java does).
     */
    @Test
    void unknownPropertiesAndEnumValuesDecodeAndUnknownDiscriminatorsAreRejected() throws Exception {
        List<JsonNode> cases = Examples.list(Examples.catalog().get("tolerance"));
        assertThat(cases).isNotEmpty();
        for (JsonNode t : cases) {
            String schema = t.get("schema").asText();
            String pointer = t.get("pointer").asText();
            if (t.get("kind").asText().equals("unknown-discriminator")) {
                assertThatThrownBy(() -> decode(schema, t.get("value"))).as(t.get("from").asText()).isInstanceOf(Exception.class);
            } else if (t.get("kind").asText().equals("unknown-property")) {
                assertThat(discriminated(decode(schema, t.get("value"))).subtype()).as(t.get("from").asText())
                        .isEqualTo(t.get("subtype").asText());
            } else {
                Object decoded = decode(schema, t.get("value"));
                assertThat(discriminated(decoded).subtype()).as(t.get("from").asText()).isEqualTo(t.get("subtype").asText());
                assertThat(mapper.valueToTree(decoded).at(pointer).asText()).as(pointer).isEqualTo("unknown_default_open_api");
            }
        }
    }
}
