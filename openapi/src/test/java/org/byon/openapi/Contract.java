package org.byon.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helper: loads byon.yaml from the source tree and resolves the internal references tests need. */
final class Contract {

    /** One operation of the contract with its path and method. */
    record Op(String path, PathItem.HttpMethod method, Operation operation) {
        String id() {
            return operation.getOperationId();
        }
    }

    private Contract() {
    }

    static Path location() {
        String configured = System.getProperty("byon.contract");
        Path path = configured != null ? Path.of(configured) : Path.of("byon.yaml");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("byon.yaml not found at " + path.toAbsolutePath());
        }
        return path;
    }

    static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readLocation(location().toUri().toString(), null, options);
    }

    static OpenAPI load() {
        SwaggerParseResult result = parse();
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("byon.yaml did not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    static List<Op> operations(OpenAPI api) {
        List<Op> ops = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> ops.add(new Op(path, method, operation))));
        return ops;
    }

    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    static ApiResponse response(OpenAPI api, ApiResponse response) {
        return response.get$ref() == null ? response
                : api.getComponents().getResponses().get(refName(response.get$ref()));
    }

    static RequestBody requestBody(OpenAPI api, RequestBody body) {
        return body == null || body.get$ref() == null ? body
                : api.getComponents().getRequestBodies().get(refName(body.get$ref()));
    }

    static Parameter parameter(OpenAPI api, Parameter parameter) {
        return parameter.get$ref() == null ? parameter
                : api.getComponents().getParameters().get(refName(parameter.get$ref()));
    }

    static Example example(OpenAPI api, Example example) {
        return example.get$ref() == null ? example
                : api.getComponents().getExamples().get(refName(example.get$ref()));
    }

    /** The first named example of a media type, resolved; null if there is none. */
    static Object firstExampleValue(OpenAPI api, io.swagger.v3.oas.models.media.MediaType mediaType) {
        if (mediaType.getExamples() != null && !mediaType.getExamples().isEmpty()) {
            Map.Entry<String, Example> first = mediaType.getExamples().entrySet().iterator().next();
            return example(api, first.getValue()).getValue();
        }
        return mediaType.getExample();
    }
}
