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

    SchemaValues(KnownIds ids) {
        this.ids = ids;
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
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && Gens.chance(in, 90)) {
            Object v = Generate.pick(new ArrayList<Object>(schema.getEnum())).generate(in);
            return v == null ? F.nullNode() : F.textNode(v.toString());
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, in, depth);
            case "array" -> array(schema, name, in, depth);
            case "integer" -> F.numberNode(integer(schema, in));
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
        if (schema.getDiscriminator() != null && schema.getDiscriminator().getMapping() != null
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
        String known = ids.forName(name, in);
        if (known != null && Gens.chance(in, 80)) {
            return known;
        }
        if (schema.getExample() != null && Gens.chance(in, 40)) {
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
