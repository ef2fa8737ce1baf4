package org.byon.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives negative request cases from byon.yaml: given an operation and a valid body, walks the
 * request schema (resolving {@code $ref}, merging {@code allOf}, following the discriminator) and
 * produces one case per required field missing, per field of the wrong type, per enum (and per
 * discriminator property) with a value outside it, per format or pattern violated, plus the body-framing cases (empty body, malformed
 * JSON, wrong content type). Every case expects 400 {@code INVALID_ARGUMENT}, except the wrong content
 * type: 415 {@code UNSUPPORTED_MEDIA_TYPE}, as in CAMARA_common. Also gives each operation a minimal
 * valid body ({@link #sampleBody}): its smallest request example cut down to the required fields.
 * Needs swagger-request-validator-core (for swagger-parser) on the classpath, like
 * {@link ContractValidator}.
 */
public final class NegativeMatrix {
    /** Categories of cases; each is one test id per operation. */
    public enum Kind { MISSING_REQUIRED, WRONG_TYPE, BAD_ENUM, BAD_FORMAT, FRAMING }

    /**
     * One negative request.
     *
     * @param body        the raw body text (may be empty)
     * @param contentType the Content-Type to send
     */
    public record Case(Kind kind, String name, String body, String contentType, int expectedStatus, String expectedCode) {
    }

    /** The effective object schema at one place of the body. */
    private record Shape(Map<String, Schema<?>> properties, Set<String> required, String discriminator) {
    }

    private final ByonContract contract;
    private final OpenAPI api;

    /** The matrix of {@code contract} (parses it with swagger-parser, references kept). */
    public NegativeMatrix(ByonContract contract) {
        this.contract = contract;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.api = new OpenAPIV3Parser().readContents(contract.yaml(), null, options).getOpenAPI();
        if (api == null) {
            throw new IllegalArgumentException("the contract does not parse");
        }
    }

    /** The operation with this operationId: its method, path and request body schema. */
    public Optional<Schema<?>> requestSchema(String operationId) {
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().readOperationsMap().entrySet()) {
                if (operationId.equals(o.getValue().getOperationId()) && o.getValue().getRequestBody() != null) {
                    MediaType mt = requestMedia(o.getValue());
                    if (mt != null && mt.getSchema() != null) {
                        return Optional.of(mt.getSchema());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private MediaType requestMedia(Operation op) {
        var body = op.getRequestBody();
        if (body.get$ref() != null) {
            body = api.getComponents().getRequestBodies().get(ByonContract.refName(body.get$ref()));
        }
        return body.getContent() == null ? null : body.getContent().get("application/json");
    }

    /**
     * A small valid body for the operation: its smallest JSON request example (fewest fields, the
     * first on a tie) with only the fields its (concrete) schema requires; empty when the operation
     * takes no JSON body.
     */
    public Optional<ObjectNode> sampleBody(String operationId) {
        Optional<Schema<?>> schema = requestSchema(operationId);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        ApiOperation op = contract.requireOperation(operationId);
        JsonNode media = contract.resolve(contract.tree().at(op.pointer().substring(1)).path("requestBody"))
                .path("content").path("application/json");
        JsonNode example = media.path("example");
        for (JsonNode candidate : media.path("examples")) {
            JsonNode value = contract.resolve(candidate).path("value");
            if (value.isObject() && (!example.isObject() || value.size() < example.size())) {
                example = value;
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (example.isObject()) {
            for (String r : shape(schema.get(), example).required()) {
                if (example.has(r)) {
                    out.set(r, example.get(r).deepCopy());
                }
            }
        }
        return Optional.of(out);
    }

    /** All cases of one kind for the operation, derived from its schema and the valid body. */
    public List<Case> cases(String operationId, ObjectNode validBody, Kind kind) {
        Schema<?> root = requestSchema(operationId)
                .orElseThrow(() -> new IllegalArgumentException("byon.yaml has no JSON request body for " + operationId));
        List<Case> out = new ArrayList<>();
        if (kind == Kind.FRAMING) {
            out.add(new Case(kind, "empty body", "", "application/json", 400, "INVALID_ARGUMENT"));
            out.add(new Case(kind, "malformed JSON", "{\"" + validBody.fieldNames().next() + "\": ", "application/json", 400, "INVALID_ARGUMENT"));
            out.add(new Case(kind, "wrong content type text/plain", validBody.toString(), "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"));
            out.add(new Case(kind, "JSON array instead of object", "[]", "application/json", 400, "INVALID_ARGUMENT"));
            return out;
        }
        walk(root, validBody, validBody, "", kind, out);
        return out;
    }

    private void walk(Schema<?> schema, ObjectNode rootBody, JsonNode here, String path, Kind kind, List<Case> out) {
        Shape shape = shape(schema, here);
        for (String req : shape.required()) {
            if (kind == Kind.MISSING_REQUIRED && here.has(req)) {
                ObjectNode copy = rootBody.deepCopy();
                ((ObjectNode) at(copy, path)).remove(req);
                out.add(new Case(kind, "missing required " + path + "/" + req, copy.toString(), "application/json", 400, "INVALID_ARGUMENT"));
            }
        }
        for (Map.Entry<String, Schema<?>> e : shape.properties().entrySet()) {
            String name = e.getKey();
            if (!here.has(name)) {
                continue;
            }
            Schema<?> prop = resolve(e.getValue());
            String ptr = path + "/" + name;
            String type = typeOf(prop);
            switch (kind) {
                case WRONG_TYPE -> {
                    JsonNode wrong = wrongValue(type);
                    if (wrong != null) {
                        out.add(mutated(kind, "wrong type at " + ptr + " (" + type + " expected, sent " + wrong.getNodeType().name().toLowerCase() + " " + wrong + ")",
                                rootBody, path, name, wrong));
                    }
                }
                case BAD_ENUM -> {
                    if (prop.getEnum() != null && !prop.getEnum().isEmpty() || name.equals(shape.discriminator())) {
                        out.add(mutated(kind, "value outside the enum at " + ptr, rootBody, path, name,
                                JsonNodeFactory.instance.textNode("NotInTheEnum")));
                    }
                }
                case BAD_FORMAT -> {
                    String bad = name.equals(shape.discriminator()) ? null : badFormat(prop);
                    if (bad != null) {
                        out.add(mutated(kind, "bad " + (prop.getFormat() != null ? "format " + prop.getFormat() : "pattern")
                                + " at " + ptr, rootBody, path, name, JsonNodeFactory.instance.textNode(bad)));
                    }
                }
                default -> {
                }
            }
            if ("object".equals(type) && here.get(name).isObject()) {
                walk(prop, rootBody, here.get(name), ptr, kind, out);
            }
        }
    }

    private static Case mutated(Kind kind, String name, ObjectNode root, String path, String field, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        ((ObjectNode) at(copy, path)).set(field, value);
        return new Case(kind, name, copy.toString(), "application/json", 400, "INVALID_ARGUMENT");
    }

    private static JsonNode at(JsonNode root, String path) {
        return path.isEmpty() ? root : root.at(path);
    }

    static JsonNode wrongValue(String type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (type == null ? "" : type) {
            // an object, not a number: many JSON binders coerce scalars to strings, none accepts an object
            case "string" -> f.objectNode().put("unexpected", "object");
            case "integer", "number" -> f.textNode("not-a-number");
            case "boolean" -> f.textNode("not-a-boolean");
            case "object" -> f.textNode("not-an-object");
            case "array" -> f.textNode("not-an-array");
            default -> null;
        };
    }

    /** A string violating the property's format or pattern, or null when it has neither. */
    static String badFormat(Schema<?> prop) {
        if (!"string".equals(typeOf(prop)) || (prop.getEnum() != null && !prop.getEnum().isEmpty())) {
            return null;
        }
        String f = prop.getFormat();
        if (f != null) {
            switch (f) {
                case "uuid":
                    return "not-a-uuid";
                case "date-time":
                    return "tomorrow at noon";
                case "date":
                    return "31/02/2025";
                case "uri":
                    return "not a uri";
                case "email":
                    return "no-at-sign";
                default:
                    break;
            }
        }
        if (prop.getPattern() != null) {
            String candidate = "!! not matching the pattern !!";
            if (!java.util.regex.Pattern.compile(prop.getPattern()).matcher(candidate).find()) {
                return candidate;
            }
        }
        return null;
    }

    static String typeOf(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            return s.getTypes().iterator().next();
        }
        if (s.getProperties() != null || s.getAllOf() != null) {
            return "object";
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Schema<?> resolve(Schema<?> s) {
        Schema<?> cur = s;
        int guard = 0;
        while (cur != null && cur.get$ref() != null && guard++ < 20) {
            String ref = cur.get$ref();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            cur = (Schema) api.getComponents().getSchemas().get(name);
        }
        return cur;
    }

    /** Merges allOf and follows the discriminator (by the value in the body) into one object shape. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Shape shape(Schema<?> schema, JsonNode body) {
        Map<String, Schema<?>> props = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        Set<Schema<?>> seen = new java.util.HashSet<>();
        collect(schema, body, props, required, seen, true);
        Schema<?> r = resolve(schema);
        String discriminator = r != null && r.getDiscriminator() != null ? r.getDiscriminator().getPropertyName() : null;
        return new Shape(props, required, discriminator);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void collect(Schema<?> s, JsonNode body, Map<String, Schema<?>> props, Set<String> required,
                         Set<Schema<?>> seen, boolean followDiscriminator) {
        Schema<?> r = resolve(s);
        if (r == null || !seen.add(r)) {
            return;
        }
        if (r.getAllOf() != null) {
            for (Schema part : r.getAllOf()) {
                collect(part, body, props, required, seen, false);
            }
        }
        if (r.getProperties() != null) {
            r.getProperties().forEach((k, v) -> props.putIfAbsent(k, (Schema<?>) v));
        }
        if (r.getRequired() != null) {
            required.addAll(r.getRequired());
        }
        if (followDiscriminator && r.getDiscriminator() != null && r.getDiscriminator().getMapping() != null) {
            String value = body.path(r.getDiscriminator().getPropertyName()).asText(null);
            String target = value == null ? null : r.getDiscriminator().getMapping().get(value);
            if (target != null) {
                Schema<?> ref = new Schema<>();
                ref.set$ref(target);
                collect(ref, body, props, required, seen, false);
                return;
            }
        }
        if (r.getOneOf() != null) {
            for (Schema part : r.getOneOf()) {
                Schema<?> p = resolve(part);
                if (p != null && p.getProperties() != null && body.isObject()) {
                    collect(part, body, props, required, seen, false);
                    break;
                }
            }
        }
    }
}
