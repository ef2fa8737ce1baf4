package org.byon.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites byon.yaml into an equivalent form the validator handles. byon.yaml models polymorphism
 * as a base schema with a {@code discriminator} whose mapped schemas extend the base with
 * {@code allOf}; swagger-request-validator fails on that cycle (base -> child -> base) and treats
 * {@code allOf} parts as closed. The view flattens every mapped child (base properties + its own,
 * with the discriminator property pinned to the mapping key) and turns the base into a
 * {@code oneOf} of the flattened children. The constraints are the same; only the shape differs.
 * The sha256 printed is always that of the original file.
 */
final class ValidationView {
    private ValidationView() {
    }

    static JsonNode flatten(JsonNode original) {
        JsonNode root = original.deepCopy();
        JsonNode schemasNode = root.path("components").path("schemas");
        if (!(schemasNode instanceof ObjectNode schemas)) {
            return root;
        }
        List<String> bases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("discriminator").path("mapping").isObject()) {
                bases.add(e.getKey());
            }
        }
        for (String baseName : bases) {
            ObjectNode base = (ObjectNode) schemas.get(baseName);
            String prop = base.path("discriminator").path("propertyName").asText();
            ObjectNode plainBase = base.deepCopy();
            plainBase.remove("discriminator");
            ArrayNode oneOf = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = base.path("discriminator").path("mapping").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                String ref = m.getValue().asText();
                String childName = ref.substring(ref.lastIndexOf('/') + 1);
                JsonNode child = schemas.get(childName);
                if (child == null) {
                    continue;
                }
                ObjectNode merged = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                merged.put("type", "object");
                if (child.has("description")) {
                    merged.set("description", child.get("description"));
                }
                ObjectNode props = merged.putObject("properties");
                Set<String> required = new LinkedHashSet<>();
                List<JsonNode> parts = new ArrayList<>();
                if (child.has("allOf")) {
                    child.get("allOf").forEach(parts::add);
                } else {
                    parts.add(child);
                }
                for (JsonNode part : parts) {
                    JsonNode p = part;
                    if (part.has("$ref")) {
                        String r = part.get("$ref").asText();
                        String n = r.substring(r.lastIndexOf('/') + 1);
                        p = n.equals(baseName) ? plainBase : schemas.path(n);
                    }
                    p.path("properties").fields().forEachRemaining(f -> props.set(f.getKey(), f.getValue()));
                    p.path("required").forEach(r -> required.add(r.asText()));
                }
                ObjectNode pinned = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "string");
                pinned.putArray("enum").add(m.getKey());
                props.set(prop, pinned);
                ArrayNode req = merged.putArray("required");
                required.forEach(req::add);
                schemas.set(childName, merged);
                oneOf.addObject().put("$ref", ref);
            }
            ObjectNode replaced = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            if (base.has("description")) {
                replaced.set("description", base.get("description"));
            }
            replaced.set("oneOf", oneOf);
            schemas.set(baseName, replaced);
        }
        return root;
    }
}
