package org.byon.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one source of contract facts: byon.yaml, read once, with the operations, scopes, statuses,
 * error codes, server base path and CloudEvent types it declares. Everything is read from the
 * document, nothing is copied by hand; immutable and thread-safe.
 *
 * <p>{@link #load()} reads the copy the {@code byon-openapi} jar carries ({@value #RESOURCE});
 * {@link #parse(String)} reads any text (tests feed it variants). Validation of requests,
 * responses and events is {@link ContractValidator}, built from this object.
 */
public final class ByonContract {
    /** Where the jar carries byon.yaml. */
    public static final String RESOURCE = "/openapi/byon.yaml";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static volatile ByonContract embedded;

    private final String yaml;
    private final JsonNode root;
    private final List<ApiOperation> operations;
    private final List<EventSpec> eventTypes;

    private ByonContract(String yaml) {
        this.yaml = yaml;
        try {
            this.root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the contract is not valid YAML", e);
        }
        if (root == null || !root.path("paths").isObject()) {
            throw new IllegalArgumentException("the contract has no paths");
        }
        this.operations = List.copyOf(readOperations());
        this.eventTypes = List.copyOf(readEventTypes());
    }

    /** The contract the jar carries (read once). */
    public static ByonContract load() {
        ByonContract c = embedded;
        if (c == null) {
            synchronized (ByonContract.class) {
                if (embedded == null) {
                    embedded = parse(readResource());
                }
                c = embedded;
            }
        }
        return c;
    }

    /** A contract read from text (byon.yaml or a variant of it). */
    public static ByonContract parse(String yaml) {
        return new ByonContract(yaml);
    }

    private static String readResource() {
        try (InputStream in = ByonContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (byon-openapi jar missing)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The text of the contract. */
    public String yaml() {
        return yaml;
    }

    /** The document as a tree (read-only by convention: do not modify it). */
    public JsonNode tree() {
        return root;
    }

    /** {@code info.version}. */
    public String version() {
        return root.path("info").path("version").asText("?");
    }

    /** The sha256 of the text, in hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The path part of the first server URL, e.g. {@code /byon/v0.2} for {@code {apiRoot}/byon/v0.2};
     * empty when the URL has none.
     */
    public String basePath() {
        String url = root.path("servers").path(0).path("url").asText("");
        String path = url.replaceFirst("^\\{[^}]+}", "");
        if (!path.startsWith("/")) {
            path = URI.create(url).getPath();
        }
        path = path == null ? "" : path;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Every operation of {@code paths} (callbacks excluded), in document order. */
    public List<ApiOperation> operations() {
        return operations;
    }

    /** The operation with this {@code operationId}. */
    public Optional<ApiOperation> operation(String operationId) {
        return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst();
    }

    /** The operation with this {@code operationId}; an {@link IllegalArgumentException} when there is none. */
    public ApiOperation requireOperation(String operationId) {
        return operation(operationId).orElseThrow(() -> new IllegalArgumentException("byon.yaml has no operation " + operationId));
    }

    /**
     * The DELETE of the resource a create operation makes: the operation on {@code create.path() + "/{id}"} with
     * method DELETE (e.g. {@code createNotificationChannel} -> {@code deleteNotificationChannel}); its path
     * parameter names the id field of the create's response. Empty for an operation that creates nothing deletable.
     */
    public Optional<ApiOperation> deleteOfCreated(ApiOperation create) {
        if (!create.method().equals("POST")) {
            return Optional.empty();
        }
        return operations.stream()
                .filter(o -> o.method().equals("DELETE") && o.pathParameter().isPresent()
                        && o.path().equals(create.path() + "/{" + o.pathParameter().get() + "}"))
                .findFirst();
    }

    /** Every scope the operations name, in first-use order. */
    public List<String> scopes() {
        Set<String> out = new LinkedHashSet<>();
        operations.forEach(o -> out.addAll(o.scopes()));
        return List.copyOf(out);
    }

    /** The CloudEvent types of the {@code CloudEvent} discriminator mapping, in document order. */
    public List<EventSpec> eventTypes() {
        return eventTypes;
    }

    /** The event type with this {@code type} string; empty for a type the contract does not know. */
    public Optional<EventSpec> eventType(String type) {
        return eventTypes.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /** The event type whose {@code data} has the schema {@code dataSchema} (e.g. {@code SessionStatusData}). */
    public Optional<EventSpec> eventTypeWithData(String dataSchema) {
        return eventTypes.stream().filter(e -> e.dataSchema().equals(dataSchema)).findFirst();
    }

    /**
     * Every example value the document carries, wherever it is written: schema {@code example}s and
     * the {@code value}s of {@code examples} maps (media types, components), references resolved.
     */
    public List<JsonNode> exampleValues() {
        List<JsonNode> out = new ArrayList<>();
        collectExamples(root, out, 0);
        return List.copyOf(out);
    }

    private void collectExamples(JsonNode node, List<JsonNode> out, int depth) {
        if (depth > 64 || !node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            if (node.has("example") && !node.get("example").isValueNode()) {
                out.add(node.get("example"));
            }
            JsonNode examples = node.get("examples");
            if (examples != null && examples.isObject()) {
                for (JsonNode e : examples) {
                    JsonNode value = resolve(e).get("value");
                    if (value != null && !out.contains(value)) {
                        out.add(value);
                    }
                }
            }
        }
        for (JsonNode child : node) {
            collectExamples(child, out, depth + 1);
        }
    }

    /**
     * The terminal values of {@code VoiceSessionStatus} ({@code x-terminal}: no status follows them), in the
     * contract's order; each is one of the schema's enum values.
     */
    public List<String> terminalVoiceStatuses() {
        JsonNode s = schema("VoiceSessionStatus").orElseThrow(() -> new IllegalStateException("byon.yaml has no VoiceSessionStatus"));
        List<String> values = new ArrayList<>();
        s.path("enum").forEach(v -> values.add(v.asText()));
        List<String> out = new ArrayList<>();
        for (JsonNode v : s.path("x-terminal")) {
            if (!values.contains(v.asText())) {
                throw new IllegalStateException("VoiceSessionStatus x-terminal names '" + v.asText() + "', not an enum value");
            }
            out.add(v.asText());
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("VoiceSessionStatus has no x-terminal values");
        }
        return List.copyOf(out);
    }

    /** The named component schema, if the contract has it. */
    public Optional<JsonNode> schema(String name) {
        JsonNode s = root.path("components").path("schemas").path(name);
        return s.isMissingNode() ? Optional.empty() : Optional.of(s);
    }

    private List<ApiOperation> readOperations() {
        List<ApiOperation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : root.path("paths").properties()) {
            String path = p.getKey();
            for (String method : METHODS) {
                JsonNode op = p.getValue().get(method);
                if (op == null) {
                    continue;
                }
                String id = op.path("operationId").asText(null);
                if (id == null) {
                    throw new IllegalArgumentException("operation " + method.toUpperCase() + " " + path + " has no operationId");
                }
                Matcher m = PATH_PARAMETER.matcher(path);
                Optional<String> param = m.find() ? Optional.of(m.group(1)) : Optional.empty();
                JsonNode body = resolve(op.path("requestBody"));
                Optional<String> requestSchema = schemaName(body.path("content").path("application/json").path("schema"));
                out.add(new ApiOperation(id, method.toUpperCase(), path, scopes(op), param, requestSchema,
                        responses(op), "#/paths/" + escape(path) + "/" + method));
            }
        }
        return out;
    }

    private List<String> scopes(JsonNode op) {
        JsonNode security = op.has("security") ? op.get("security") : root.path("security");
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode requirement : security) {
            for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
                scheme.getValue().forEach(s -> out.add(s.asText()));
            }
        }
        return List.copyOf(out);
    }

    private List<ResponseSpec> responses(JsonNode op) {
        List<ResponseSpec> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
            JsonNode response = resolve(r.getValue());
            JsonNode media = response.path("content").path("application/json");
            Optional<String> schema = schemaName(media.path("schema"));
            List<String> codes = new ArrayList<>(codeEnum(media.path("schema"), new LinkedHashSet<>()));
            if (codes.isEmpty()) {
                for (JsonNode example : media.path("examples")) {
                    String code = resolve(example).path("value").path("code").asText(null);
                    if (code != null && !codes.contains(code)) {
                        codes.add(code);
                    }
                }
                String single = media.path("example").path("code").asText(null);
                if (single != null && !codes.contains(single)) {
                    codes.add(single);
                }
            }
            out.add(new ResponseSpec(r.getKey(), schema, codes));
        }
        return out;
    }

    /** The {@code code} enum of an error schema, looking through {@code $ref} and {@code allOf}. */
    private Set<String> codeEnum(JsonNode schema, Set<String> seen) {
        Set<String> out = new LinkedHashSet<>();
        if (schema.has("$ref") && !seen.add(schema.get("$ref").asText())) {
            return out;
        }
        JsonNode s = resolve(schema);
        s.path("properties").path("code").path("enum").forEach(v -> out.add(v.asText()));
        JsonNode codeRef = s.path("properties").path("code");
        if (out.isEmpty() && codeRef.has("$ref")) {
            resolve(codeRef).path("enum").forEach(v -> out.add(v.asText()));
        }
        for (JsonNode part : s.path("allOf")) {
            Set<String> inner = codeEnum(part, seen);
            if (!inner.isEmpty()) {
                // the most specific part wins: a later allOf part narrows the base's codes
                out.clear();
                out.addAll(inner);
            }
        }
        return out;
    }

    private List<EventSpec> readEventTypes() {
        JsonNode cloudEvent = root.path("components").path("schemas").path("CloudEvent");
        JsonNode mapping = cloudEvent.path("discriminator").path("mapping");
        List<EventSpec> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> m : mapping.properties()) {
            String schema = refName(m.getValue().asText());
            String data = dataSchema(resolve(m.getValue().asText()), new LinkedHashSet<>())
                    .orElseThrow(() -> new IllegalArgumentException("event schema " + schema + " has no data schema ($ref)"));
            out.add(new EventSpec(m.getKey(), schema, data));
        }
        return out;
    }

    private Optional<String> dataSchema(JsonNode schema, Set<JsonNode> seen) {
        if (!seen.add(schema)) {
            return Optional.empty();
        }
        Optional<String> direct = schemaName(schema.path("properties").path("data"));
        if (direct.isPresent()) {
            return direct;
        }
        for (JsonNode part : schema.path("allOf")) {
            Optional<String> inner = dataSchema(resolve(part), seen);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> schemaName(JsonNode schema) {
        return schema.has("$ref") ? Optional.of(refName(schema.get("$ref").asText())) : Optional.empty();
    }

    /** Follows {@code $ref}s inside the document; a node without {@code $ref} is returned as it is. */
    JsonNode resolve(JsonNode node) {
        JsonNode cur = node;
        for (int i = 0; i < 20 && cur.has("$ref"); i++) {
            cur = resolve(cur.get("$ref").asText());
        }
        return cur;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference " + ref);
        }
        return target;
    }

    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
