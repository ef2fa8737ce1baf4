package org.byon.openapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of byon.yaml, as the contract declares it.
 *
 * @param operationId   the contract's {@code operationId}, e.g. {@code createVoiceSession}
 * @param method        the HTTP method in upper case, e.g. {@code POST}
 * @param path          the path template below the server base path, e.g. {@code /voice/sessions/{voiceSessionId}}
 * @param scopes        the OAuth scopes its security requirements name (empty when it needs none)
 * @param pathParameter the name of the path parameter, if the path has one (e.g. {@code voiceSessionId})
 * @param requestSchema the component schema name of its JSON request body, if it has one
 * @param responses     the documented responses, in the contract's order
 * @param pointer       the JSON pointer of the operation in byon.yaml, e.g. {@code #/paths/~1channels/post}
 */
public record ApiOperation(String operationId, String method, String path, List<String> scopes,
                           Optional<String> pathParameter, Optional<String> requestSchema,
                           List<ResponseSpec> responses, String pointer) {

    /** Defensive copies; every component is required. */
    public ApiOperation {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(pathParameter, "pathParameter");
        Objects.requireNonNull(requestSchema, "requestSchema");
        responses = List.copyOf(responses);
        Objects.requireNonNull(pointer, "pointer");
    }

    /** The documented statuses (e.g. {@code 201}, {@code 400}, {@code 5XX}), in the contract's order. */
    public List<String> statuses() {
        return responses.stream().map(ResponseSpec::status).toList();
    }

    /** The response documented for {@code status}, if any. */
    public Optional<ResponseSpec> response(String status) {
        return responses.stream().filter(r -> r.status().equals(status)).findFirst();
    }

    /** The error codes a response of {@code status} can carry (empty when none is documented). */
    public List<String> codes(int status) {
        return response(Integer.toString(status)).map(ResponseSpec::codes).orElse(List.of());
    }

    /** The path with its path parameter (if any) replaced by {@code id}. */
    public String path(String id) {
        return pathParameter.map(p -> path.replace("{" + p + "}", id)).orElse(path);
    }
}
