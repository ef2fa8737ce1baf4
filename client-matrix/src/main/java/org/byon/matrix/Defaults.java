package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example with the schema's {@code default}s filled in where it omits the property: a
 * generated model may apply a default when decoding and write it back, which is the same
 * message. The round-trip programs accept the re-encoded JSON when it equals the example or
 * this copy of it.
 */
final class Defaults {

    private Defaults() {
    }

    /** A copy of {@code value} (read as schema {@code schemaName}) with absent defaulted properties added. */
    static JsonNode fill(ExampleCatalog catalog, String schemaName, JsonNode value) {
        JsonNode copy = value.deepCopy();
        fillObject(catalog, catalog.schemas().path(schemaName), copy, 0);
        return copy;
    }

    private static void fillObject(ExampleCatalog catalog, JsonNode schema, JsonNode value, int depth) {
        if (!value.isObject() || depth > 10) {
            return;
        }
        for (Map.Entry<String, JsonNode> p : properties(catalog, schema, new LinkedHashMap<>()).entrySet()) {
            JsonNode propertySchema = catalog.resolve(p.getValue());
            JsonNode present = value.get(p.getKey());
            if (present == null && propertySchema.has("default")) {
                ((ObjectNode) value).set(p.getKey(), propertySchema.get("default").deepCopy());
            } else if (present != null) {
                fillObject(catalog, propertySchema, present, depth + 1);
            }
        }
    }

    /** Every property a schema declares, through $ref and allOf (a oneOf member is named by the example). */
    private static Map<String, JsonNode> properties(ExampleCatalog catalog, JsonNode schema, Map<String, JsonNode> into) {
        JsonNode s = catalog.resolve(schema);
        if (s == null) {
            return into;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            into.putIfAbsent(f.getKey(), f.getValue());
        }
        s.path("allOf").forEach(part -> properties(catalog, part, into));
        return into;
    }
}
