package org.byon.conformance.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The contract the suite checks against: {@code openapi/byon.yaml} embedded in the jar, its
 * sha256, and validators for HTTP responses (swagger-request-validator's
 * {@link OpenApiInteractionValidator}) and for events (the component schema selected by the
 * CloudEvent {@code type} discriminator). Thread-safe after construction.
 */
public final class Contract {
    public static final String RESOURCE = "/openapi/byon.yaml";

    private final String yaml;
    private final String sha256;
    private final OpenAPI openApi;
    private final JsonNode tree;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemaValidator;
    private final String basePath;
    private final List<Pattern> tolerated = new CopyOnWriteArrayList<>();

    private Contract(String yaml, String basePath) {
        this.yaml = yaml;
        this.sha256 = sha256(yaml.getBytes(StandardCharsets.UTF_8));
        this.basePath = basePath;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("byon.yaml cannot be parsed: " + result.getMessages());
        }
        this.openApi = result.getOpenAPI();
        try {
            this.tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException("byon.yaml cannot be read as YAML", e);
        }
        String view = ValidationView.flatten(tree).toString();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(view)
                .withBasePathOverride(basePath.isEmpty() ? "/" : basePath)
                .build();
        OpenAPI viewApi = new OpenAPIV3Parser().readContents(view, null, options).getOpenAPI();
        this.schemaValidator = new SchemaValidator(viewApi, new MessageResolver());
    }

    /** Loads the contract embedded in the jar; {@code basePath} is the path of the API root (e.g. {@code /byon/v0.2}). */
    public static Contract embedded(String basePath) {
        try (InputStream in = Contract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (byon-openapi jar missing)");
            }
            return new Contract(new String(in.readAllBytes(), StandardCharsets.UTF_8), basePath);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The parsed model of the embedded contract (no validators), for building the catalogue. */
    public static synchronized OpenAPI embeddedModel() {
        if (model == null) {
            try (InputStream in = Contract.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the classpath (byon-openapi jar missing)");
                }
                ParseOptions options = new ParseOptions();
                options.setResolve(true);
                model = new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options).getOpenAPI();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + RESOURCE, e);
            }
        }
        return model;
    }

    private static OpenAPI model;

    public static Contract fromText(String yaml, String basePath) {
        return new Contract(yaml, basePath);
    }

    public String sha256() { return sha256; }
    public OpenAPI openApi() { return openApi; }
    public JsonNode tree() { return tree; }
    public String version() { return openApi.getInfo() == null ? "?" : openApi.getInfo().getVersion(); }

    /** Validator messages matching one of these patterns are not counted. */
    public void tolerate(String regex) {
        tolerated.add(Pattern.compile(regex));
    }

    private final List<String[]> rewrites = new CopyOnWriteArrayList<>();

    /**
     * Before validation only, replaces {@code regex} in response bodies by {@code replacement}: for
     * values the suite itself put there (its own http webhook receiver URL), never the gateway's.
     */
    public void rewriteBeforeValidation(String regex, String replacement) {
        rewrites.add(new String[] {regex, replacement});
    }

    /** True when the JSON pointer (with or without the leading {@code #}) names a node of byon.yaml. */
    public boolean hasPointer(String pointer) {
        String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        return !tree.at(p).isMissingNode();
    }

    /** Validates one response against the operation matching method and path (the full URL path). */
    public List<String> validateResponse(String method, String fullPath, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder rb = SimpleResponse.Builder.status(status);
        headers.forEach((k, v) -> {
            if (k != null && !k.startsWith(":")) {
                rb.withHeader(k, v);
            }
        });
        if (body != null && !body.isEmpty()) {
            String b = body;
            for (String[] r : rewrites) {
                b = b.replaceAll(r[0], r[1]);
            }
            rb.withBody(b);
        }
        ValidationReport report;
        try {
            report = validator.validateResponse(fullPath, Request.Method.valueOf(method), rb.build());
        } catch (RuntimeException e) {
            return List.of("validator failed: " + e);
        }
        return messages(report);
    }

    /** Validates an event (structured CloudEvent) against the schema its {@code type} selects. */
    public List<String> validateEvent(JsonNode event) {
        List<String> out = new ArrayList<>();
        String type = event.path("type").asText(null);
        Optional<String> schemaRef = eventSchemaRef(type);
        String ref = schemaRef.orElse("#/components/schemas/CloudEvent");
        if (schemaRef.isEmpty()) {
            out.add("event type '" + type + "' is not one of the types byon.yaml maps in CloudEvent.discriminator");
        }
        Schema<?> schema = new Schema<>();
        schema.set$ref(ref);
        try {
            out.addAll(messages(schemaValidator.validate(event.toString(), schema, "event")));
        } catch (RuntimeException e) {
            out.add("validator failed: " + e);
        }
        return out;
    }

    /** The schema that the CloudEvent discriminator maps the event type to. */
    public Optional<String> eventSchemaRef(String type) {
        if (type == null) {
            return Optional.empty();
        }
        JsonNode mapping = tree.at("/components/schemas/CloudEvent/discriminator/mapping");
        JsonNode ref = mapping.get(type);
        return ref == null ? Optional.empty() : Optional.of(ref.asText());
    }

    public String basePath() {
        return basePath;
    }

    private List<String> messages(ValidationReport report) {
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            String text = m.getKey() + ": " + m.getMessage();
            for (String extra : m.getAdditionalInfo()) {
                text += " [" + extra + "]";
            }
            String finalText = text;
            if (tolerated.stream().noneMatch(p -> p.matcher(finalText).find())) {
                out.add(text);
            }
        }
        return out;
    }

    public String yaml() {
        return yaml;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
