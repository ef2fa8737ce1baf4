package org.byon.gateway.it.fuzz;

import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.media.Schema;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * JSON values generated from byon.yaml's schemas: mostly valid in shape (required properties, enum values,
 * formats, bounds) so requests reach the gateway's deeper checks, with the edges the schema names (lengths and
 * bounds just past the limit) and random strings where the schema only gives a pattern. Values the schema names
 * as identifiers come from {@link KnownIds} when one is known.
 */
final class SchemaValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final KnownIds ids;
    private final boolean valid;

    SchemaValues(KnownIds ids) {
        this(ids, false);
    }

    /**
     * @param valid only values the contract accepts: one oneOf branch with its own discriminator value, enum values,
     *              every required property, strings from known ids, examples and formats (date-times in the future,
     *              uuids), integers within bounds: so generated creates succeed and reach the gateway's logic
     */
    SchemaValues(KnownIds ids, boolean valid) {
        this.ids = ids;
        this.valid = valid;
    }

    Gen<JsonNode> of(Schema<?> schema) {
        return in -> value(schema, null, in, 0);
    }

    JsonNode value(Schema<?> schema, String name, RandomnessSource in, int depth) {
        if (schema == null || depth > 8) {
            return F.textNode(Gens.text().generate(in));
        }
        List<Schema> choices = schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
        if (choices != null && !choices.isEmpty()) {
            Schema<?> chosen = Generate.pick(choices).generate(in);
            return value(merge(schema, chosen), name, in, depth);
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && (valid || Gens.chance(in, 90))) {
            Object v = Generate.pick(new ArrayList<Object>(schema.getEnum())).generate(in);
            return v == null ? F.nullNode() : F.textNode(v.toString());
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, in, depth);
            case "array" -> array(schema, name, in, depth);
            case "integer" -> F.numberNode(valid ? inBounds(schema, in) : integer(schema, in));
            case "number" -> F.numberNode(BigDecimal.valueOf(integer(schema, in)).movePointLeft(
                    Generate.range(0, 3).generate(in)));
            case "boolean" -> F.booleanNode(Generate.booleans().generate(in));
            default -> F.textNode(string(schema, name, in));
        };
    }

    private ObjectNode object(Schema<?> schema, RandomnessSource in, int depth) {
        ObjectNode o = F.objectNode();
        Map<String, Schema> props = schema.getProperties() == null ? Map.of() : schema.getProperties();
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> p : props.entrySet()) {
            if (required.contains(p.getKey()) || Gens.chance(in, 50)) {
                o.set(p.getKey(), value(p.getValue(), p.getKey(), in, depth + 1));
            }
        }
        if (!valid && schema.getDiscriminator() != null && schema.getDiscriminator().getMapping() != null
                && Gens.chance(in, 90)) {
            String prop = schema.getDiscriminator().getPropertyName();
            o.put(prop, Generate.pick(new ArrayList<>(schema.getDiscriminator().getMapping().keySet())).generate(in));
        }
        return o;
    }

    private ArrayNode array(Schema<?> schema, String name, RandomnessSource in, int depth) {
        ArrayNode a = F.arrayNode();
        int max = schema.getMaxItems() == null ? 3 : Math.min(schema.getMaxItems() + 1, 12);
        int min = schema.getMinItems() == null ? 0 : schema.getMinItems();
        int n = Generate.range(Math.min(min, max), max).generate(in);
        for (int i = 0; i < n; i++) {
            a.add(value(schema.getItems(), name, in, depth + 1));
        }
        return a;
    }

    private static long inBounds(Schema<?> schema, RandomnessSource in) {
        long min = schema.getMinimum() == null ? 0 : schema.getMinimum().longValue();
        long max = schema.getMaximum() == null ? 1_000 : schema.getMaximum().longValue();
        return Generate.longRange(min, Math.max(min, max)).generate(in);
    }

    private String validString(Schema<?> schema, String name, RandomnessSource in) {
        String n = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String known = ids.forName(name, in);
        if (known != null) {
            return known;
        }
        if (format.equals("date-time")) { // the future: requested expiries and registration times
            return Instant.now().plusSeconds(Generate.longRange(600, 7_200).generate(in)).toString();
        }
        if (format.equals("uuid")) {
            return new java.util.UUID(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).generate(in), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).generate(in)).toString();
        }
        if (n.contains("url")) { // loopback, a closed port: a delivery goes nowhere but this machine
            return "https://127.0.0.1:9/hook/" + Generate.range(1, 1_000_000).generate(in);
        }
        if (n.contains("originator") && ids.ownAddress != null) {
            return ids.ownAddress;
        }
        if (n.contains("address")) {
            return "tel:" + String.format("+4477009%05d", Generate.range(100, 199).generate(in));
        }
        if (n.equals("sdp")) {
            return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                    + "c=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";
        }
        if (schema.getExample() != null) {
            return schema.getExample().toString();
        }
        int max = schema.getMaxLength() == null ? 40 : Math.max(1, Math.min(40, schema.getMaxLength()));
        int min = schema.getMinLength() == null ? 1 : Math.min(max, Math.max(1, schema.getMinLength()));
        return strings().betweenCodePoints('a', 'z').ofLengthBetween(min, max).generate(in);
    }

    private static long integer(Schema<?> schema, RandomnessSource in) {
        long min = schema.getMinimum() == null ? -1_000_000 : schema.getMinimum().longValue();
        long max = schema.getMaximum() == null ? 1_000_000 : schema.getMaximum().longValue();
        return Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(6, Generate.longRange(min, Math.max(min, max))),
                org.quicktheories.api.Pair.of(1, Generate.constant(min - 1)),
                org.quicktheories.api.Pair.of(1, Generate.constant(max + 1)),
                org.quicktheories.api.Pair.of(1, Generate.longRange(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2))))
                .generate(in);
    }

    private String string(Schema<?> schema, String name, RandomnessSource in) {
        if (valid) {
            return validString(schema, name, in);
        }
        if (name != null && name.toLowerCase(java.util.Locale.ROOT).contains("url") && Gens.chance(in, 90)) {
            return Gens.url().generate(in); // never the contract's example host: see Gens.url()
        }
        String known = ids.forName(name, in);
        if (known != null && Gens.chance(in, 80)) {
            return known;
        }
        if (schema.getExample() != null && !(name != null && name.toLowerCase(java.util.Locale.ROOT).contains("url"))
                && Gens.chance(in, 40)) {
            return schema.getExample().toString();
        }
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        if (format.equals("date-time") && Gens.chance(in, 85)) {
            return Instant.ofEpochSecond(Generate.longRange(1_600_000_000L, 2_200_000_000L).generate(in))
                    .atOffset(ZoneOffset.ofHours(Generate.range(-12, 12).generate(in))).toString();
        }
        if ((format.equals("uri") || format.equals("url") || name != null && name.toLowerCase().contains("url"))
                && Gens.chance(in, 85)) {
            return Gens.url().generate(in);
        }
        if (name != null && name.toLowerCase().contains("address") && Gens.chance(in, 70)) {
            return "tel:" + Gens.phoneNumber().generate(in);
        }
        if (name != null && name.equalsIgnoreCase("sdp") && Gens.chance(in, 70)) {
            return Gens.sdp().generate(in);
        }
        if (name != null && name.toLowerCase().contains("phone") && Gens.chance(in, 70)) {
            return Gens.phoneNumber().generate(in);
        }
        Integer maxLength = schema.getMaxLength();
        if (maxLength != null && Gens.chance(in, 10)) {
            return strings().basicLatinAlphabet().ofLength(Math.min(maxLength + 1, 100_000)).generate(in);
        }
        return Gens.text().generate(in);
    }

    static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().iterator().next();
        }
        if (schema.getProperties() != null) {
            return "object";
        }
        if (schema.getItems() != null) {
            return "array";
        }
        return "string";
    }

    /** A oneOf branch with the properties of the schema around it (discriminator included). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> merge(Schema<?> outer, Schema<?> branch) {
        if (outer.getProperties() == null && outer.getDiscriminator() == null) {
            return branch;
        }
        Schema merged = new Schema();
        merged.setType("object");
        java.util.LinkedHashMap<String, Schema> props = new java.util.LinkedHashMap<>();
        if (outer.getProperties() != null) {
            props.putAll(outer.getProperties());
        }
        if (branch.getProperties() != null) {
            props.putAll(branch.getProperties());
        }
        merged.setProperties(props);
        List<String> req = new ArrayList<>();
        if (outer.getRequired() != null) {
            req.addAll(outer.getRequired());
        }
        if (branch.getRequired() != null) {
            req.addAll(branch.getRequired());
        }
        merged.setRequired(req);
        return merged;
    }
}
