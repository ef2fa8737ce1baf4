package org.byon.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.byon.openapi.ByonContract;
import org.byon.openapi.EventSpec;

/**
 * Parses one structured-mode CloudEvent (JSON) with the CloudEvents SDK and its {@code data} into the
 * generated data model of its type. The types and their data models come from byon.yaml (the
 * {@code CloudEvent} discriminator mapping, via the byon-openapi API): no type string is written here.
 * Unknown types, properties and enum values are tolerated. Thread-safe.
 */
public final class EventParser {

    static final String MODEL_PACKAGE = "org.byon.client.internal.openapi.model";
    /** CloudEvent type -> the generated class of its {@code data}, for every type of the contract. */
    private static final Map<String, Class<?>> DATA_CLASSES = dataClasses(ByonContract.load());
    /** The generated enums' value for a value unknown to this client. */
    static final String UNKNOWN_ENUM = "unknown_default_open_api";

    /**
     * A parsed event.
     *
     * @param sequence the {@code sequence} extension, or -1 when absent
     * @param data     the generated data object for known types, else {@code null}
     * @param rawData  the {@code data} as a tree (for pass-through of unknown enum values)
     */
    public record Parsed(String id, String type, OffsetDateTime time, long sequence, Object data, JsonNode rawData) {
    }

    /**
     * The contract's event types with the generated class of their data schema.
     *
     * @throws IllegalStateException when the generated model lacks a data schema of the contract
     */
    static Map<String, Class<?>> dataClasses(ByonContract contract) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (EventSpec spec : contract.eventTypes()) {
            try {
                out.put(spec.type(), Class.forName(MODEL_PACKAGE + "." + spec.dataSchema()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no generated model for " + spec.dataSchema() + " (event " + spec.type() + ")", e);
            }
        }
        return Map.copyOf(out);
    }

    /** The CloudEvent type whose data the generated class {@code dataClass} holds. */
    public static String typeOf(Class<?> dataClass) {
        return DATA_CLASSES.entrySet().stream().filter(e -> e.getValue() == dataClass).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(dataClass + " is the data of no event type"));
    }

    private final EventFormat format = new JsonFormat();
    private final ObjectMapper mapper;

    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param json one CloudEvent in structured JSON mode
     * @return the parsed event
     * @throws IllegalArgumentException when the text is not a valid CloudEvent
     */
    public Parsed parse(String json) {
        CloudEvent event;
        try {
            event = format.deserialize(withoutInvalidAttributes(json));
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e);
        }
        long sequence = sequence(event.getExtension("sequence"));
        JsonNode raw = null;
        Object data = null;
        if (event.getData() != null) {
            try {
                raw = mapper.readTree(event.getData().toBytes());
                Class<?> type = DATA_CLASSES.get(event.getType());
                if (type != null) {
                    data = mapper.treeToValue(raw, type);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("event " + event.getId() + " has unreadable data: " + e.getMessage(), e);
            }
        }
        return new Parsed(event.getId(), event.getType(), event.getTime(), sequence, data, raw);
    }

    /**
     * Tolerant reader: drops top-level members that cannot be CloudEvents attributes (names other than
     * lower-case letters and digits), which the SDK would otherwise reject as invalid extensions.
     */
    private byte[] withoutInvalidAttributes(String json) throws IOException {
        JsonNode tree = mapper.readTree(json);
        if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            java.util.List<String> invalid = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!name.equals("data_base64") && !name.matches("[a-z0-9]{1,64}")) {
                    invalid.add(name);
                }
            });
            if (!invalid.isEmpty()) {
                object.remove(invalid);
                return mapper.writeValueAsBytes(object);
            }
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static long sequence(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** @return {@code value} of a generated enum, or the raw text when the enum did not know it */
    static String enumText(Object generatedEnum, JsonNode raw, String field) {
        if (generatedEnum == null) {
            return raw == null ? null : raw.path(field).asText(null);
        }
        String v = generatedEnum.toString();
        if (UNKNOWN_ENUM.equals(v)) {
            return raw == null ? null : raw.path(field).asText(null);
        }
        return v;
    }
}
