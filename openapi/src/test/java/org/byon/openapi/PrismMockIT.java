package org.byon.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Smoke test of the contract as a mock: {@code prism mock} (npm, pinned in package.json) serves byon.yaml,
 * and each operation answers its documented example for a request built from the contract's own examples,
 * and 401 when the bearer token is missing.
 */
class PrismMockIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Process prism;
    private static Path log;
    private static String base;
    private static OpenAPI api;

    @BeforeAll
    static void startPrism() throws Exception {
        api = Contract.load();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        log = Files.createTempFile("prism-mock", ".log");
        String prismBin = System.getProperty("byon.prism", "../node_modules/.bin/prism");
        prism = new ProcessBuilder(prismBin, "mock", "--host", "127.0.0.1", "--port", String.valueOf(port),
                Contract.location().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Prism serves the paths at its root: it applies a server's base path only when asked with ?__server=
        base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> prism.isAlive() && Files.readString(log).contains("Prism is listening"));
    }

    @AfterAll
    static void stopPrism() throws Exception {
        if (prism != null) {
            prism.destroy();
            if (!prism.waitFor(10, TimeUnit.SECONDS)) {
                prism.destroyForcibly();
            }
        }
    }

    @TestFactory
    List<DynamicTest> everyOperationAnswersItsDocumentedExample() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Contract.Op op : Contract.operations(api)) {
            tests.add(DynamicTest.dynamicTest(op.id() + " answers its example", () -> {
                HttpResponse<String> response = send(op, true);
                Map.Entry<String, ApiResponse> success = op.operation().getResponses().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("2")).findFirst().orElseThrow();
                assertThat(response.statusCode()).as("%s body: %s", op.id(), response.body())
                        .isEqualTo(Integer.parseInt(success.getKey()));
                ApiResponse documented = Contract.response(api, success.getValue());
                if (documented.getContent() != null) {
                    Object example = Contract.firstExampleValue(api, documented.getContent().get("application/json"));
                    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.valueToTree(example));
                } else {
                    assertThat(response.body()).isEmpty();
                }
            }));
            tests.add(DynamicTest.dynamicTest(op.id() + " answers 401 without a token", () -> {
                HttpResponse<String> response = send(op, false);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            }));
        }
        return tests;
    }

    private HttpResponse<String> send(Contract.Op op, boolean withToken) throws IOException, InterruptedException {
        String path = op.path();
        if (op.operation().getParameters() != null) {
            for (Parameter p : op.operation().getParameters()) {
                Parameter param = Contract.parameter(api, p);
                if ("path".equals(param.getIn())) {
                    Object value = param.getExample() != null ? param.getExample() : param.getSchema().getExample();
                    assertThat(value).as("example of path parameter %s in %s", param.getName(), op.id()).isNotNull();
                    path = path.replace("{" + param.getName() + "}", value.toString());
                }
            }
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        var requestBody = Contract.requestBody(api, op.operation().getRequestBody());
        if (requestBody != null) {
            Object example = Contract.firstExampleValue(api, requestBody.getContent().get("application/json"));
            body = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(example));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("x-correlator", "prism-smoke-" + op.id())
                .method(op.method().name(), body);
        if (requestBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (withToken) {
            request.header("Authorization", "Bearer smoke-test-token");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
