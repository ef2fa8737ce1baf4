package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Tolerant-reader cases derived from the examples: the contract tells clients to ignore event
 * types, properties and enum values they do not know, so a generated client must survive
 * <ul>
 *   <li>{@code unknown-discriminator}: the first example of each discriminated union with its
 *       discriminator set to a value the mapping does not list;</li>
 *   <li>{@code unknown-property}: the same example with a property the contract does not
 *       define (a later minor version may add one);</li>
 *   <li>{@code unknown-enum}: for each named string enum, the first example that carries it
 *       (outside a discriminator) with that value replaced by one the enum does not list.</li>
 * </ul>
 */
final class Tolerance {

    static final String UNKNOWN_PROPERTY = "futurePropertyNotInContract";

    private Tolerance() {
    }

    static ArrayNode cases(ExampleCatalog catalog, Collection<ObjectNode> examples) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> unionsDone = new HashSet<>();
        Set<String> enumsDone = new HashSet<>();
        for (ObjectNode e : examples) {
            if (!e.has("subtype")) {
                continue;
            }
            String schema = e.get("schema").asText();
            JsonNode union = catalog.schemas().path(schema);
            String property = union.path("discriminator").path("propertyName").asText(null);
            if (property != null && unionsDone.add(schema)) {
                ObjectNode value = e.get("value").deepCopy();
                boolean enumTyped = isEnum(catalog.resolve(propertySchema(catalog, union, property)));
                value.put(property, enumTyped ? ExampleCatalog.UNKNOWN_ENUM : ExampleCatalog.UNKNOWN_DISCRIMINATOR);
                out.add(tolerance("unknown-discriminator", e, "/" + property, value));
                ObjectNode extended = e.get("value").deepCopy();
                extended.put(UNKNOWN_PROPERTY, "added in a later minor version");
                out.add(tolerance("unknown-property", e, "/" + UNKNOWN_PROPERTY, extended));
            }
            enumCases(catalog, e, e.get("subtype").asText(), property, "", e.get("value"), enumsDone, out);
        }
        return out;
    }

    private static void enumCases(ExampleCatalog catalog, ObjectNode e, String schemaName, String skip, String pointer,
                                  JsonNode value, Set<String> done, ArrayNode out) {
        if (!value.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(skip)) {
                continue;
            }
            JsonNode propRef = propertySchema(catalog, catalog.schemas().path(schemaName), field.getKey());
            String target = ExampleCatalog.refName(propRef == null ? JsonNodeFactory.instance.objectNode() : propRef);
            if (target == null) {
                continue;
            }
            JsonNode targetSchema = catalog.schemas().path(target);
            String at = pointer + "/" + field.getKey();
            if (isEnum(targetSchema) && field.getValue().isTextual() && done.add(target)) {
                ObjectNode mutated = e.get("value").deepCopy();
                ((ObjectNode) mutated.at(pointer.isEmpty() ? "" : pointer)).put(field.getKey(), ExampleCatalog.UNKNOWN_ENUM);
                ObjectNode t = tolerance("unknown-enum", e, at, mutated);
                t.put("enum", target);
                out.add(t);
            } else if (targetSchema.path("properties").size() > 0 || targetSchema.has("allOf")) {
                enumCases(catalog, e, target, null, at, field.getValue(), done, out);
            }
        }
    }

    /** The schema of {@code property} in a schema, looking through allOf parts and oneOf members. */
    static JsonNode propertySchema(ExampleCatalog catalog, JsonNode schema, String property) {
        JsonNode s = catalog.resolve(schema);
        if (s == null) {
            return null;
        }
        if (s.path("properties").has(property)) {
            return s.path("properties").get(property);
        }
        for (String combinator : new String[] {"allOf", "oneOf"}) {
            for (JsonNode part : s.path(combinator)) {
                JsonNode found = propertySchema(catalog, part, property);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean isEnum(JsonNode schema) {
        return schema != null && schema.has("enum") && "string".equals(schema.path("type").asText());
    }

    private static ObjectNode tolerance(String kind, ObjectNode example, String pointer, JsonNode value) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("kind", kind);
        t.put("from", example.get("id").asText());
        t.put("schema", example.get("schema").asText());
        t.put("subtype", example.get("subtype").asText());
        t.put("pointer", pointer);
        t.set("value", value);
        return t;
    }
}
