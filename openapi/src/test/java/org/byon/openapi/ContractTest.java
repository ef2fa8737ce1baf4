package org.byon.openapi;

import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract parses cleanly, names the 13 operations, and every example it carries is valid. */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenAPI api;
    private static SchemaValidator validator;

    @BeforeAll
    static void load() {
        api = Contract.load();
        // The validator would inject additionalProperties:false into each allOf part of the polymorphic
        // channel and event schemas, so an allOf member would reject the base's properties. Unknown-property
        // checks are therefore off here; byon.yaml itself documents them as ignored (tolerant reader).
        validator = new SchemaValidator(api, new MessageResolver(LevelResolver.create()
                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                .build()));
    }

    @Test
    void swaggerParserReadsTheContractWithoutAnyMessage() {
        SwaggerParseResult result = Contract.parse();
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    void allThirteenOperationsArePresentWithUniqueIds() {
        List<String> ids = Contract.operations(api).stream().map(Contract.Op::id).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(Contract.OPERATION_IDS);
    }

    @Test
    void everyOperationHasRequestAndResponseExamples() {
        for (Contract.Op op : Contract.operations(api)) {
            var body = Contract.requestBody(api, op.operation().getRequestBody());
            if (body != null) {
                assertThat(body.getContent().get("application/json").getExamples())
                        .as("request examples of %s", op.id()).isNotEmpty();
            }
            long withExamples = op.operation().getResponses().values().stream()
                    .map(r -> Contract.response(api, r))
                    .filter(r -> r.getContent() != null)
                    .filter(r -> r.getContent().values().stream()
                            .anyMatch(m -> m.getExamples() != null && !m.getExamples().isEmpty()))
                    .count();
            assertThat(withExamples).as("responses with examples of %s", op.id()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Contract.Op op : Contract.operations(api)) {
            var body = Contract.requestBody(api, op.operation().getRequestBody());
            if (body != null) {
                checked += checkContent(op.id() + " request", body.getContent(), failures);
            }
            for (Map.Entry<String, ApiResponse> e : op.operation().getResponses().entrySet()) {
                ApiResponse response = Contract.response(api, e.getValue());
                if (response.getContent() != null) {
                    checked += checkContent(op.id() + " " + e.getKey(), response.getContent(), failures);
                }
            }
            if (op.operation().getCallbacks() != null) {
                for (Map.Entry<String, Callback> cb : op.operation().getCallbacks().entrySet()) {
                    for (var item : cb.getValue().values()) {
                        for (var cbOp : item.readOperations()) {
                            var cbBody = Contract.requestBody(api, cbOp.getRequestBody());
                            if (cbBody != null) {
                                checked += checkContent(op.id() + " callback " + cb.getKey(), cbBody.getContent(), failures);
                            }
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
            if (e.getValue().getExample() != null) {
                checked++;
                check("schema " + e.getKey(), e.getValue().getExample(), schemaRef(e.getKey()), failures);
            }
        }
        assertThat(failures).isEmpty();
        // every operation has request/response examples and every event schema one of its own
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void theExampleValidatorRejectsABrokenExample() throws Exception {
        // Guard against a validator that accepts anything: drop a required field and break a pattern.
        ObjectNode session = (ObjectNode) JSON.valueToTree(firstSuccessExample("getRacmSession"));
        assertThat(validate(session, schemaRef("RacmSession")).hasErrors()).isFalse();
        session.remove("phoneNumber");
        assertThat(validate(session, schemaRef("RacmSession")).hasErrors()).isTrue();

        ObjectNode error = JSON.createObjectNode().put("status", 404).put("code", "NOT_FOUND");
        assertThat(validate(error, schemaRef("ErrorInfo")).hasErrors()).isTrue();
    }

    private int checkContent(String where, Map<String, MediaType> content, List<String> failures) throws Exception {
        int checked = 0;
        for (Map.Entry<String, MediaType> m : content.entrySet()) {
            MediaType mediaType = m.getValue();
            if (mediaType.getExamples() != null) {
                for (Map.Entry<String, Example> ex : mediaType.getExamples().entrySet()) {
                    checked++;
                    check(where + " example '" + ex.getKey() + "'",
                            Contract.example(api, ex.getValue()).getValue(), mediaType.getSchema(), failures);
                }
            }
            if (mediaType.getExample() != null) {
                checked++;
                check(where + " example", mediaType.getExample(), mediaType.getSchema(), failures);
            }
        }
        return checked;
    }

    private void check(String where, Object example, Schema<?> schema, List<String> failures) throws Exception {
        if (example == null) {
            failures.add(where + ": example has no value");
            return;
        }
        ValidationReport report = validate(JSON.valueToTree(example), schema);
        if (report.hasErrors()) {
            failures.add(where + ": " + report.getMessages());
        }
    }

    private ValidationReport validate(com.fasterxml.jackson.databind.JsonNode node, Schema<?> schema) throws Exception {
        return validator.validate(() -> node, schema, null);
    }

    private static Schema<?> schemaRef(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static Object firstSuccessExample(String operationId) {
        Contract.Op op = Contract.operations(api).stream().filter(o -> o.id().equals(operationId)).findFirst().orElseThrow();
        ApiResponse ok = Contract.response(api, op.operation().getResponses().get("200"));
        return Contract.firstExampleValue(api, ok.getContent().get("application/json"));
    }
}
