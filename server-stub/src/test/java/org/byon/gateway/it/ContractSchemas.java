package org.byon.gateway.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/** Validates JSON against the schemas of byon.yaml itself (never hand-copied expectations). */
public final class ContractSchemas {
    private static volatile ContractSchemas instance;
    private final SchemaValidator validator;

    private ContractSchemas(Path contract) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().read(contract.toString(), null, options);
        if (api == null) {
            throw new IllegalStateException("cannot parse " + contract);
        }
        // The validator re-enters a discriminator of a base schema used inside allOf (CloudEvent -> *Event ->
        // allOf CloudEvent) and then fails every event; the tests select the event schema by `type` themselves
        // (exactly what the discriminator mapping says), so the base's discriminator is dropped here.
        api.getComponents().getSchemas().values().forEach(schema -> {
            if (schema.getDiscriminator() != null && schema.getAllOf() == null) {
                schema.setDiscriminator(null);
            }
        });
        // allOf parts are validated one by one; the validator's injected additionalProperties=false would make
        // each part reject the other's properties, so that check is off (byon.yaml does not forbid them).
        validator = new SchemaValidator(api, new MessageResolver(LevelResolver.create()
                .withLevel(SchemaValidator.ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE).build()));
    }

    public static ContractSchemas get() {
        if (instance == null) {
            synchronized (ContractSchemas.class) {
                if (instance == null) {
                    String configured = System.getProperty("byon.contract");
                    Path p = configured != null ? Path.of(configured) : Path.of("../openapi/byon.yaml");
                    if (!Files.exists(p)) {
                        p = Path.of("openapi/byon.yaml");
                    }
                    instance = new ContractSchemas(p);
                }
            }
        }
        return instance;
    }

    /** The validation errors of {@code json} against {@code #/components/schemas/<name>} (empty when valid). */
    public List<String> errors(String schemaName, String json) {
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + schemaName);
        ValidationReport report = validator.validate(json, ref, schemaName);
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getMessage)
                .toList();
    }

    /** The event schema for a CloudEvent type. */
    public static String eventSchema(String type) {
        return switch (type) {
            case "org.byon.voice.v1.session-invitation" -> "SessionInvitationEvent";
            case "org.byon.voice.v1.session-status" -> "SessionStatusEvent";
            case "org.byon.racm.v1.registration-ends" -> "RegistrationEndsEvent";
            case "org.byon.channel.v1.channel-ends" -> "ChannelEndsEvent";
            default -> "CloudEvent";
        };
    }
}
