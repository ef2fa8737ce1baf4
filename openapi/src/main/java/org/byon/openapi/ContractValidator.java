package org.byon.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one validator of byon.yaml traffic: HTTP requests and responses (swagger-request-validator's
 * {@link OpenApiInteractionValidator}, path, parameters, headers and bodies) and CloudEvents (the
 * schema the {@code CloudEvent} discriminator maps the event's {@code type} to). Polymorphic bodies
 * ({@code oneOf} with a discriminator {@code mapping}) are validated by the library as they are;
 * unknown properties are errors (the gateway must not send what the contract does not name).
 * Thread-safe; build one and share it, building parses the contract.
 *
 * <p>Needs {@code com.atlassian.oai:swagger-request-validator-core} on the classpath (an optional
 * dependency of this jar: modules that validate declare it).
 */
public final class ContractValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByonContract contract;
    private final OpenApiInteractionValidator interactions;
    private final SchemaValidator schemas;
    private final OpenAPI api;

    /**
     * swagger-request-validator's key for its extra check that closes every object schema
     * ({@code additionalProperties: false} injected); byon.yaml itself leaves objects open.
     */
    public static final String CLOSED_OBJECTS_KEY = "validation.schema.additionalProperties";

    private ContractValidator(ByonContract contract, String basePath) {
        this(contract, basePath, true);
    }

    private ContractValidator(ByonContract contract, String basePath, boolean closedObjects) {
        this.contract = contract;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(contract.yaml(), null, options);
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            throw new IllegalArgumentException("the contract does not parse: " + parsed.getMessages());
        }
        this.api = api;
        OpenApiInteractionValidator.Builder b = OpenApiInteractionValidator.createFor(api)
                .withBasePathOverride(basePath.isEmpty() ? "/" : basePath);
        if (closedObjects) {
            this.interactions = b.build();
            this.schemas = new SchemaValidator(api, new MessageResolver());
        } else {
            com.atlassian.oai.validator.report.LevelResolver levels = com.atlassian.oai.validator.report.LevelResolver.create()
                    .withLevel(CLOSED_OBJECTS_KEY, ValidationReport.Level.IGNORE).build();
            this.interactions = b.withLevelResolver(levels).build();
            this.schemas = new SchemaValidator(api, new MessageResolver(levels));
        }
    }

    /**
     * Exactly as strict as byon.yaml: objects stay open where the contract leaves them open (properties the
     * schemas do not name are allowed), unlike {@link #of(ByonContract, String)}, which closes every object
     * to catch misspelt properties in our own gateway. For judging other implementations (the conformance suite).
     */
    public static ContractValidator asWritten(ByonContract contract, String basePath) {
        return new ContractValidator(contract, basePath, false);
    }

    /** A validator for the contract served at its own base path ({@link ByonContract#basePath()}). */
    public static ContractValidator of(ByonContract contract) {
        return new ContractValidator(contract, contract.basePath());
    }

    /** A validator for the contract served at {@code basePath} (the path of a deployment's API root). */
    public static ContractValidator of(ByonContract contract, String basePath) {
        return new ContractValidator(contract, basePath);
    }

    /** The contract this validator checks against. */
    public ByonContract contract() {
        return contract;
    }

    /**
     * The errors of one request.
     *
     * @param method  HTTP method
     * @param path    the full URL path (base path included), without the query
     * @param query   the query parameters (may be empty)
     * @param headers request headers (Content-Type, Authorization, x-correlator...)
     * @param body    the body text, or null
     */
    public List<String> validateRequest(String method, String path, Map<String, List<String>> query,
                                        Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method.toUpperCase(), path);
        query.forEach((k, v) -> b.withQueryParam(k, v));
        headers.forEach((k, v) -> {
            if (k != null && !k.startsWith(":")) {
                b.withHeader(k, v);
            }
        });
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        return run(() -> interactions.validateRequest(b.build()));
    }

    /**
     * The errors of one response to {@code method path}.
     *
     * @param path the full URL path (base path included), without the query
     */
    public List<String> validateResponse(String method, String path, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
        headers.forEach((k, v) -> {
            if (k != null && !k.startsWith(":")) {
                b.withHeader(k, v);
            }
        });
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        return run(() -> interactions.validateResponse(path, Request.Method.valueOf(method.toUpperCase()), b.build()));
    }

    /** The errors of {@code json} against {@code #/components/schemas/<name>}. */
    public List<String> validateSchema(String schemaName, String json) {
        if (contract.schema(schemaName).isEmpty()) {
            throw new IllegalArgumentException("byon.yaml has no schema " + schemaName);
        }
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + schemaName);
        return validateJson(json, ref, schemaName);
    }

    /**
     * The errors of a body against the schema byon.yaml gives it: the request body of {@code operation}
     * when {@code status} is null, else the body of its {@code status} response; {@code mediaType} is
     * e.g. {@code application/json}.
     */
    public List<String> validateBody(ApiOperation operation, String status, String mediaType, String json) {
        io.swagger.v3.oas.models.Operation op = api.getPaths().get(operation.path()).readOperationsMap()
                .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(operation.method()));
        io.swagger.v3.oas.models.media.Content content = status == null
                ? op.getRequestBody() == null ? null : op.getRequestBody().getContent()
                : op.getResponses().get(status) == null ? null : op.getResponses().get(status).getContent();
        if (content == null || content.get(mediaType) == null || content.get(mediaType).getSchema() == null) {
            throw new IllegalArgumentException(operation.operationId() + " has no " + mediaType + " body"
                    + (status == null ? " in its request" : " in its " + status + " response"));
        }
        Schema<?> schema = content.get(mediaType).getSchema();
        return validateJson(json, schema, status == null ? "request" : "response");
    }

    /**
     * Checks one CloudEvent (structured JSON): against the schema its {@code type} maps to, or, for a
     * type the contract does not know, its envelope only (the attributes every event has, {@code data}
     * and unknown attributes ignored), since clients ignore unknown types.
     */
    public EventCheck validateEvent(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (IOException e) {
            return new EventCheck(Optional.empty(), List.of("the event is not JSON: " + e.getMessage()));
        }
        return validateEvent(event);
    }

    /** As {@link #validateEvent(String)}, for a parsed event. */
    public EventCheck validateEvent(JsonNode event) {
        if (!event.isObject()) {
            return new EventCheck(Optional.empty(), List.of("the event is not a JSON object"));
        }
        Optional<EventSpec> type = contract.eventType(event.path("type").asText(""));
        if (type.isPresent()) {
            return new EventCheck(type, validateSchema(type.get().schema(), event.toString()));
        }
        return new EventCheck(Optional.empty(), envelopeErrors((ObjectNode) event));
    }

    /**
     * An unknown type is checked as if it were the first known one, carrying that type's example
     * {@code data}: the envelope attributes (id, source, specversion, time, sequence...) are the
     * same for every type, so only they can fail.
     */
    private List<String> envelopeErrors(ObjectNode event) {
        if (!event.path("type").isTextual() || event.path("type").asText().isEmpty()) {
            return List.of("the event has no type");
        }
        for (EventSpec stand : contract.eventTypes()) {
            Optional<JsonNode> data = exampleData(stand);
            if (data.isPresent()) {
                ObjectNode copy = event.deepCopy();
                copy.put("type", stand.type());
                copy.set("data", data.get());
                return validateSchema(stand.schema(), copy.toString());
            }
        }
        throw new IllegalStateException("byon.yaml has no example of any event type, cannot check an envelope");
    }

    /** The {@code data} of an example of this event type, wherever byon.yaml writes it. */
    private Optional<JsonNode> exampleData(EventSpec spec) {
        for (JsonNode value : contract.exampleValues()) {
            if (spec.type().equals(value.path("type").asText()) && value.path("data").isObject()) {
                return Optional.of(value.path("data"));
            }
        }
        return Optional.empty();
    }

    /** Parses the JSON first: the validator's text overload would take a JSON string's quotes as part of the value. */
    private List<String> validateJson(String json, Schema<?> schema, String key) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return run(() -> schemas.validate(() -> node, schema, key));
    }

    private interface Check {
        ValidationReport run();
    }

    private static List<String> run(Check check) {
        ValidationReport report;
        try {
            report = check.run();
        } catch (RuntimeException e) {
            return List.of("validator failed: " + e);
        }
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            StringBuilder text = new StringBuilder(m.getKey()).append(": ").append(m.getMessage());
            m.getAdditionalInfo().forEach(extra -> text.append(" [").append(extra).append(']'));
            out.add(text.toString());
        }
        return List.copyOf(out);
    }
}
