package org.byon.gateway.channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

/**
 * Builds every event with the CloudEvents Java SDK (spec 1.0, structured JSON mode) with the
 * {@code sequence} extension. Thread-safe.
 */
public final class CloudEventWriter {
    /** The {@code sequence} extension attribute. */
    public static final String SEQUENCE = "sequence";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFormat format = new JsonFormat();

    public String write(ChannelEvent event, long sequence, Instant time) {
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data not serializable", e);
        }
        CloudEvent ce = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(event.source()))
                .withType(event.type().type())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data)
                .withExtension(SEQUENCE, (int) sequence)
                .build();
        return new String(format.serialize(ce), StandardCharsets.UTF_8);
    }
}
