package org.byon.openapi;

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

/** The contract parses cleanly and every example it carries is valid for the one validator. */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenAPI api;
    private static ByonContract contract;
    private static ContractValidator validator;

    @BeforeAll
    static void load() {
        api = Contract.load();
        contract = ByonContract.load();
        validator = ContractValidator.of(contract);
    }

    @Test
    void swaggerParserReadsTheContractWithoutAnyMessage() {
        SwaggerParseResult result = Contract.parse();
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    void theApiSeesTheOperationsTheParserSees() {
        List<String> parsed = Contract.operations(api).stream().map(Contract.Op::id).toList();
        assertThat(contract.operations()).extracting(ApiOperation::operationId).containsExactlyInAnyOrderElementsOf(parsed);
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
    void everyExampleValidatesAgainstItsSchema() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Contract.Op op : Contract.operations(api)) {
            ApiOperation operation = contract.requireOperation(op.id());
            var body = Contract.requestBody(api, op.operation().getRequestBody());
            if (body != null) {
                checked += checkContent(op.id() + " request", body.getContent(),
                        (media, json) -> validator.validateBody(operation, null, media, json), failures);
            }
            for (Map.Entry<String, ApiResponse> e : op.operation().getResponses().entrySet()) {
                ApiResponse response = Contract.response(api, e.getValue());
                if (response.getContent() != null) {
                    checked += checkContent(op.id() + " " + e.getKey(), response.getContent(),
                            (media, json) -> validator.validateBody(operation, e.getKey(), media, json), failures);
                }
            }
            if (op.operation().getCallbacks() != null) {
                for (Map.Entry<String, Callback> cb : op.operation().getCallbacks().entrySet()) {
                    for (var item : cb.getValue().values()) {
                        for (var cbOp : item.readOperations()) {
                            var cbBody = Contract.requestBody(api, cbOp.getRequestBody());
                            if (cbBody != null) {
                                checked += checkContent(op.id() + " callback " + cb.getKey(), cbBody.getContent(),
                                        (media, json) -> validator.validateEvent(json).errors(), failures);
                            }
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
            if (e.getValue().getExample() != null) {
                checked++;
                check("schema " + e.getKey(), e.getValue().getExample(), json -> validator.validateSchema(e.getKey(), json), failures);
            }
        }
        assertThat(failures).isEmpty();
        // every operation has request/response examples and every event one of its own
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void theExampleValidatorRejectsABrokenExample() {
        // Guard against a validator that accepts anything: drop a required field and break a pattern.
        ObjectNode session = (ObjectNode) JSON.valueToTree(firstSuccessExample("getRacmSession"));
        assertThat(validator.validateSchema("RacmSession", session.toString())).isEmpty();
        session.remove("phoneNumber");
        assertThat(validator.validateSchema("RacmSession", session.toString())).isNotEmpty();

        ObjectNode error = JSON.createObjectNode().put("status", 404).put("code", "NOT_FOUND");
        assertThat(validator.validateSchema("ErrorInfo", error.toString())).isNotEmpty();
    }

    private int checkContent(String where, Map<String, MediaType> content,
                             java.util.function.BiFunction<String, String, List<String>> validate, List<String> failures) {
        int checked = 0;
        for (Map.Entry<String, MediaType> m : content.entrySet()) {
            MediaType mediaType = m.getValue();
            if (mediaType.getExamples() != null) {
                for (Map.Entry<String, Example> ex : mediaType.getExamples().entrySet()) {
                    checked++;
                    check(where + " example '" + ex.getKey() + "'", Contract.example(api, ex.getValue()).getValue(),
                            json -> validate.apply(m.getKey(), json), failures);
                }
            }
            if (mediaType.getExample() != null) {
                checked++;
                check(where + " example", mediaType.getExample(), json -> validate.apply(m.getKey(), json), failures);
            }
        }
        return checked;
    }

    private static void check(String where, Object example, java.util.function.Function<String, List<String>> validate,
                              List<String> failures) {
        if (example == null) {
            failures.add(where + ": example has no value");
            return;
        }
        List<String> errors = validate.apply(JSON.valueToTree(example).toString());
        if (!errors.isEmpty()) {
            failures.add(where + ": " + errors);
        }
    }

    private static Object firstSuccessExample(String operationId) {
        Contract.Op op = Contract.operations(api).stream().filter(o -> o.id().equals(operationId)).findFirst().orElseThrow();
        ApiResponse ok = Contract.response(api, op.operation().getResponses().get("200"));
        return Contract.firstExampleValue(api, ok.getContent().get("application/json"));
    }
}
