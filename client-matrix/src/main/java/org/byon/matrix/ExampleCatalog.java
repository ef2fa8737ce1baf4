package org.byon.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads every example of byon.yaml and writes them, each with the schema it must decode into
 * and the concrete subtype its discriminator selects, to one JSON file: the single source the
 * TypeScript, Java, Kotlin and Go round-trip programs of the matrix read (examples are never
 * copied by hand).
 *
 * <p>Examples are taken from every request body, response body and callback request body
 * (media-type {@code example} and {@code examples}, {@code $ref}s into components/examples
 * followed) and from the object-valued {@code example} of every component schema. An example
 * whose schema has no name (an inline schema), a {@code oneOf} without a discriminator, a
 * discriminator value missing from the mapping, or a components/examples entry that no body
 * uses, is a contract error: the catalog refuses it, so the build fails.
 *
 * <p>An example that omits a property with a schema {@code default} also gets {@code withDefaults},
 * the same message with the default written out (see {@link Defaults}).
 *
 * <p>It also derives the tolerant-reader cases: each example of a discriminated union with an
 * unknown discriminator value, and each example with one named-enum property set to a value
 * the contract does not list.
 */
public final class ExampleCatalog {

    static final String UNKNOWN_DISCRIMINATOR = "org.byon.future.v1.unknown-type";
    static final String UNKNOWN_ENUM = "FUTURE_VALUE_NOT_IN_CONTRACT";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode spec;
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    ExampleCatalog(JsonNode spec) {
        this.spec = spec;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ExampleCatalog <byon.yaml> <out.json>");
        }
        JsonNode catalog = build(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), catalog);
        System.out.printf("[client-matrix] %d examples and %d tolerant-reader cases of %s -> %s%n",
                catalog.get("examples").size(), catalog.get("tolerance").size(), args[0], out);
    }

    /** The catalog of a spec; throws {@link IllegalStateException} listing every contract error. */
    public static ObjectNode build(Path specFile) throws IOException {
        ExampleCatalog c = new ExampleCatalog(new YAMLMapper().readTree(specFile.toFile()));
        return c.catalog();
    }

    ObjectNode catalog() {
        spec.path("paths").fields().forEachRemaining(p -> operations(p.getKey(), p.getValue()));
        spec.path("components").path("schemas").fields().forEachRemaining(s -> schemaExample(s.getKey(), s.getValue()));
        List<String> unused = new ArrayList<>();
        spec.path("components").path("examples").fieldNames().forEachRemaining(name -> {
            if (entries.keySet().stream().noneMatch(k -> k.startsWith("components/examples/" + name + " "))) {
                unused.add(name);
            }
        });
        unused.forEach(u -> errors.add("components/examples/" + u + " is used by no request, response or callback body"));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("byon.yaml examples the matrix cannot check:\n  " + String.join("\n  ", errors));
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("title", spec.path("info").path("title").asText());
        root.put("version", spec.path("info").path("version").asText());
        root.set("unions", unions());
        ArrayNode examples = root.putArray("examples");
        entries.values().forEach(examples::add);
        root.set("tolerance", Tolerance.cases(this, entries.values()));
        return root;
    }

    private void operations(String path, JsonNode item) {
        for (String method : METHODS) {
            JsonNode op = item.get(method);
            if (op == null) {
                continue;
            }
            String where = method.toUpperCase() + " " + path;
            JsonNode body = resolve(op.get("requestBody"));
            if (body != null) {
                String ref = op.path("requestBody").path("$ref").asText(null);
                content(where + " request", ref != null ? ref.replaceFirst("^#/", "") : null, body.path("content"), "request");
            }
            op.path("responses").fields().forEachRemaining(r -> {
                String ref = r.getValue().path("$ref").asText(null);
                String owner = ref != null ? ref.replaceFirst("^#/", "") : null;
                content(where + " " + r.getKey(), owner, resolve(r.getValue()).path("content"), "response");
            });
            op.path("callbacks").fields().forEachRemaining(cb -> {
                JsonNode callback = resolve(cb.getValue());
                callback.fields().forEachRemaining(expr -> callbackOperations(where + " callback " + cb.getKey(), expr.getValue()));
            });
        }
    }

    private void callbackOperations(String where, JsonNode item) {
        for (String method : METHODS) {
            JsonNode op = item.get(method);
            JsonNode body = op == null ? null : resolve(op.get("requestBody"));
            if (body != null) {
                content(where + " " + method.toUpperCase() + " request", null, body.path("content"), "event");
            }
        }
    }

    /** Examples of one content map; {@code owner} names a shared (components) response or body, else null. */
    private void content(String where, String owner, JsonNode content, String role) {
        content.fields().forEachRemaining(mt -> {
            String at = where + " " + mt.getKey();
            String prefix = owner != null ? owner + "/content/" + mt.getKey() : at;
            JsonNode media = mt.getValue();
            if (media.has("example")) {
                add(prefix + " example", at, media.path("schema"), media.get("example"), role);
            }
            media.path("examples").fields().forEachRemaining(ex -> {
                JsonNode example = ex.getValue();
                String id = example.has("$ref") ? example.get("$ref").asText().replaceFirst("^#/", "") : prefix + "/examples/" + ex.getKey();
                JsonNode resolved = resolve(example);
                if (!resolved.has("value")) {
                    errors.add(id + " (" + at + ") has no inline value");
                    return;
                }
                add(id, at, media.path("schema"), resolved.get("value"), role);
            });
        });
    }

    private void schemaExample(String name, JsonNode schema) {
        JsonNode example = schema.get("example");
        if (example == null || !example.isObject()) {
            return;
        }
        String union = unionOf(name);
        JsonNode target = JsonNodeFactory.instance.objectNode().put("$ref", SCHEMAS + (union != null ? union : name));
        add("components/schemas/" + name + "/example", "components/schemas/" + name, target, example, "schema");
    }

    /** The name of the discriminated union that maps to schema {@code name}, or null. */
    String unionOf(String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("components").path("schemas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            if (mapping(s.getValue()).containsValue(name) && !s.getKey().equals(name)) {
                return s.getKey();
            }
        }
        return null;
    }

    private void add(String id, String at, JsonNode schemaRef, JsonNode value, String role) {
        String schemaName = refName(schemaRef);
        boolean array = false;
        if (schemaName == null && "array".equals(schemaRef.path("type").asText())) {
            schemaName = refName(schemaRef.path("items"));
            array = true;
        }
        if (schemaName == null) {
            errors.add(id + " (" + at + "): its schema is inline; generators need a named component schema");
            return;
        }
        JsonNode schema = spec.path("components").path("schemas").path(schemaName);
        if (!array && "array".equals(schema.path("type").asText())) {
            ObjectNode e = entry(id, at, schemaName, role, value);
            String items = refName(schema.path("items"));
            if (items == null || !value.isArray()) {
                errors.add(id + " (" + at + "): array schema " + schemaName + " needs named items and an array example");
                return;
            }
            e.put("items", items);
            ArrayNode subtypes = e.putArray("subtypes");
            ArrayNode withDefaults = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> {
                String subtype = subtype(id, items, v);
                subtypes.add(subtype);
                withDefaults.add(Defaults.fill(this, subtype, v));
            });
            if (!withDefaults.equals(value)) {
                e.set("withDefaults", withDefaults);
            }
            return;
        }
        if (array) {
            errors.add(id + " (" + at + "): inline array of " + schemaName + "; name the array schema");
            return;
        }
        ObjectNode e = entry(id, at, schemaName, role, value);
        String subtype = subtype(id, schemaName, value);
        e.put("subtype", subtype);
        JsonNode withDefaults = Defaults.fill(this, subtype, value);
        if (!withDefaults.equals(value)) {
            e.set("withDefaults", withDefaults);
        }
    }

    private ObjectNode entry(String id, String at, String schemaName, String role, JsonNode value) {
        String key = id + " " + schemaName;
        ObjectNode e = entries.get(key);
        if (e == null) {
            e = JsonNodeFactory.instance.objectNode();
            e.put("id", id);
            e.put("schema", schemaName);
            e.put("role", role);
            e.putArray("usedAt");
            e.set("value", value);
            entries.put(key, e);
        }
        ((ArrayNode) e.get("usedAt")).add(at);
        return e;
    }

    /** The concrete schema {@code value} decodes into when read as {@code schemaName}. */
    String subtype(String id, String schemaName, JsonNode value) {
        JsonNode schema = spec.path("components").path("schemas").path(schemaName);
        JsonNode discriminator = schema.get("discriminator");
        if (schema.has("oneOf") && discriminator == null) {
            errors.add(id + ": oneOf " + schemaName + " has no discriminator");
            return schemaName;
        }
        if (discriminator == null) {
            return schemaName;
        }
        String property = discriminator.path("propertyName").asText();
        String actual = value.path(property).asText(null);
        String sub = mapping(schema).get(actual);
        if (sub == null) {
            errors.add(id + ": " + property + "=" + actual + " is not in the mapping of " + schemaName);
            return schemaName;
        }
        return sub;
    }

    /** Discriminator mapping of a schema: value to schema name (empty when it has none). */
    static Map<String, String> mapping(JsonNode schema) {
        Map<String, String> m = new TreeMap<>();
        schema.path("discriminator").path("mapping").fields()
                .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText().replace(SCHEMAS, "")));
        return m;
    }

    private ObjectNode unions() {
        ObjectNode unions = JsonNodeFactory.instance.objectNode();
        spec.path("components").path("schemas").fields().forEachRemaining(s -> {
            Map<String, String> m = mapping(s.getValue());
            if (!m.isEmpty()) {
                ObjectNode u = unions.putObject(s.getKey());
                u.put("propertyName", s.getValue().path("discriminator").path("propertyName").asText());
                ObjectNode mapping = u.putObject("mapping");
                m.forEach(mapping::put);
            }
        });
        return unions;
    }

    JsonNode schemas() {
        return spec.path("components").path("schemas");
    }

    JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; n != null && n.has("$ref") && i < 10; i++) {
            n = spec.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    static String refName(JsonNode schemaRef) {
        String ref = schemaRef.path("$ref").asText("");
        return ref.startsWith(SCHEMAS) ? ref.substring(SCHEMAS.length()) : null;
    }
}
