package org.byon.gateway.it.fuzz;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Requests generated from byon.yaml: every operation (method, path template, parameters, request body schema)
 * is read from the contract; path and query parameters, headers (token, {@code x-correlator}, content type,
 * accept, extra headers) and bodies are generated around it, mostly close to valid and often not.
 */
public final class ContractRequests {
    /** One operation of the contract. */
    public record Op(String id, String method, String path, List<Parameter> parameters, Schema<?> body) {
    }

    /** Tokens to choose from: a valid one, one without the operation's scopes, an expired one. */
    public record Tokens(String valid, String readOnly, String expired) {
    }

    private final List<Op> operations;
    private final String apiPrefix;
    private final Tokens tokens;
    private final SchemaValues values;
    private final SchemaValues validValues;
    private final KnownIds ids;

    public ContractRequests(Path contract, String apiPrefix, Tokens tokens, KnownIds ids) {
        this.operations = operations(contract);
        this.apiPrefix = apiPrefix;
        this.tokens = tokens;
        this.ids = ids;
        this.values = new SchemaValues(ids);
        this.validValues = new SchemaValues(ids, true);
    }

    public List<Op> operations() {
        return operations;
    }

    static List<Op> operations(Path contract) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(contract.toString(), null, options);
        if (api == null) {
            throw new IllegalStateException("cannot parse " + contract);
        }
        List<Op> out = new ArrayList<>();
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().readOperationsMap().entrySet()) {
                Operation op = o.getValue();
                List<Parameter> params = new ArrayList<>();
                if (p.getValue().getParameters() != null) {
                    params.addAll(p.getValue().getParameters());
                }
                if (op.getParameters() != null) {
                    params.addAll(op.getParameters());
                }
                Schema<?> body = null;
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    MediaType mt = op.getRequestBody().getContent().values().iterator().next();
                    body = mt.getSchema();
                }
                out.add(new Op(op.getOperationId(), o.getKey().name(), p.getKey(), params, body));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Any operation, with everything around it generated (60 %); a request the contract accepts, body from the
     * schemas' oneOf branches, so creates succeed and reach the gateway's logic (25 %); the token endpoint (8 %);
     * a WebSocket upgrade of the notification path (7 %).
     */
    public Gen<FuzzRequest> any() {
        Gen<FuzzRequest> fuzzed = Generate.pick(operations).flatMap(this::forOperation);
        Gen<FuzzRequest> valid = Generate.pick(operations.stream().filter(o -> !o.method().equals("DELETE")).toList())
                .flatMap(this::validRequest);
        return Generate.frequency(List.of(org.quicktheories.api.Pair.of(60, fuzzed),
                org.quicktheories.api.Pair.of(25, valid),
                org.quicktheories.api.Pair.of(8, tokenRequest()),
                org.quicktheories.api.Pair.of(7, webSocketUpgrade())));
    }

    /** What the contract accepts: its method, a valid token and correlator, known ids, a schema-valid JSON body. */
    Gen<FuzzRequest> validRequest(Op op) {
        return in -> {
            String path = op.path();
            for (Parameter p : op.parameters()) {
                if ("path".equals(p.getIn())) {
                    String known = ids.forName(p.getName(), in);
                    path = path.replace("{" + p.getName() + "}", known != null ? known : "unknown-id");
                }
            }
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Authorization", "Bearer " + tokens.valid()});
            headers.add(new String[] {"x-correlator", "fuzz-" + Generate.range(0, 1_000_000).generate(in)});
            headers.add(new String[] {"Accept", "application/json"});
            byte[] body = null;
            if (op.body() != null) {
                headers.add(new String[] {"Content-Type", "application/json"});
                body = validValues.of(op.body()).generate(in).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return new FuzzRequest(op.id() + "[valid]", op.method(), apiPrefix + path, headers, body, true);
        };
    }

    /** {@code POST /oauth2/token}: grants, client authentications (none, Basic, form, both, wrong), scopes, bodies. */
    Gen<FuzzRequest> tokenRequest() {
        return in -> {
            List<String> kinds = new ArrayList<>();
            List<String[]> headers = new ArrayList<>();
            String client = Generate.pick(List.of("dave", "erin", "alice", "nobody", "")).generate(in);
            String secret = Gens.chance(in, 60) ? client + "-secret" : Gens.headerValue().generate(in);
            StringBuilder form = new StringBuilder();
            form.append("grant_type=").append(Gens.chance(in, 75) ? "client_credentials"
                    : Gens.encode(Generate.pick(List.of("password", "authorization_code", "refresh_token", "",
                            "urn:ietf:params:oauth:grant-type:jwt-bearer")).generate(in)));
            int auth = Generate.range(1, 100).generate(in);
            if (auth <= 55) {
                headers.add(new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (client + ":" + secret).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))});
                kinds.add("basic");
            } else if (auth <= 75) {
                form.append("&client_id=").append(Gens.encode(client)).append("&client_secret=").append(Gens.encode(secret));
                kinds.add("form-secret");
            } else if (auth <= 82) {
                headers.add(new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (client + ":" + secret).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))});
                form.append("&client_id=").append(Gens.encode(client)).append("&client_secret=").append(Gens.encode(secret));
                kinds.add("two-authentications");
            } else if (auth <= 90) {
                headers.add(new String[] {"Authorization", Gens.chance(in, 50) ? "Basic " + Gens.headerValue().generate(in)
                        : Gens.headerValue().generate(in)});
                kinds.add("garbage-authorization");
            } else {
                kinds.add("no-client-authentication");
            }
            if (Gens.chance(in, 40)) {
                form.append("&scope=").append(Gens.encode(Gens.chance(in, 60) ? "byon:channels:read byon:channels:write"
                        : Gens.text().generate(in)));
                kinds.add("scope");
            }
            if (Gens.chance(in, 10)) {
                form.append("&").append(Gens.encode(Gens.text().generate(in))).append("=")
                        .append(Gens.encode(Gens.text().generate(in)));
                kinds.add("extra-parameter");
            }
            String method = Gens.chance(in, 92) ? "POST" : Generate.pick(List.of("GET", "PUT", "DELETE")).generate(in);
            byte[] body = form.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int ct = Generate.range(1, 100).generate(in);
            if (ct <= 85) {
                headers.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
            } else if (ct <= 93) {
                headers.add(new String[] {"Content-Type", "application/json"});
                body = ("{\"grant_type\":\"client_credentials\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                kinds.add("json-body");
            } else {
                kinds.add("no-content-type");
            }
            if (Gens.chance(in, 3)) {
                body = strings().basicLatinAlphabet().ofLengthBetween(70_000, 200_000).generate(in)
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                kinds.add("long-body");
            }
            correlator(in, headers, kinds);
            extraHeaders(in, headers, kinds);
            return new FuzzRequest("token[" + String.join(",", kinds) + "]", method, "/oauth2/token", headers, body, true);
        };
    }

    /** A WebSocket upgrade of the notification path: unknown or mangled credentials, handshake headers right or wrong. */
    Gen<FuzzRequest> webSocketUpgrade() {
        return in -> {
            List<String> kinds = new ArrayList<>();
            List<String[]> headers = new ArrayList<>();
            String credential = Gens.chance(in, 70) ? strings().betweenCodePoints('a', 'z').ofLengthBetween(20, 64).generate(in)
                    : Gens.pathSegment().generate(in);
            String target = apiPrefix + "/notifications/ws/" + credential;
            if (Gens.chance(in, 20)) {
                target += "?lastSequence=" + Gens.encode(Gens.text().generate(in));
                kinds.add("lastSequence");
            }
            if (Gens.chance(in, 85)) {
                headers.add(new String[] {"Upgrade", Gens.chance(in, 85) ? "websocket" : Gens.headerValue().generate(in)});
            } else {
                kinds.add("no-upgrade");
            }
            headers.add(new String[] {"Connection", Gens.chance(in, 85) ? "Upgrade" : Gens.headerValue().generate(in)});
            if (Gens.chance(in, 85)) {
                headers.add(new String[] {"Sec-WebSocket-Key", Gens.chance(in, 80) ? "dGhlIHNhbXBsZSBub25jZQ=="
                        : Gens.headerValue().generate(in)});
            } else {
                kinds.add("no-key");
            }
            headers.add(new String[] {"Sec-WebSocket-Version", Gens.chance(in, 85) ? "13"
                    : Generate.pick(List.of("8", "0", "99", "", "x")).generate(in)});
            if (Gens.chance(in, 15)) {
                headers.add(new String[] {"Origin", Gens.url().generate(in)});
                kinds.add("origin");
            }
            correlator(in, headers, kinds);
            String method = Gens.chance(in, 90) ? "GET" : Generate.pick(List.of("POST", "PUT", "HEAD")).generate(in);
            return new FuzzRequest("ws-upgrade[" + String.join(",", kinds) + "]", method, target, headers, null, true);
        };
    }

    Gen<FuzzRequest> forOperation(Op op) {
        return in -> {
            List<String> kinds = new ArrayList<>();
            String method = method(op, in, kinds);
            String target = apiPrefix + path(op, in, kinds) + query(op, in, kinds);
            List<String[]> headers = new ArrayList<>();
            auth(in, headers, kinds);
            correlator(in, headers, kinds);
            byte[] body = null;
            boolean declareLength = true;
            if (op.body() != null || Gens.chance(in, 10)) {
                BodyMutations.Body b = op.body() != null
                        ? BodyMutations.apply(values.of(op.body()).generate(in), in)
                        : new BodyMutations.Body(Gens.text().generate(in).getBytes(java.nio.charset.StandardCharsets.UTF_8), "unexpected-body");
                body = b.bytes();
                kinds.add(b.kind());
                contentType(in, headers, kinds);
                if (Gens.chance(in, 5)) {
                    headers.add(new String[] {"Transfer-Encoding", "chunked"});
                    body = chunked(body);
                    declareLength = false;
                    kinds.add("chunked");
                }
            }
            extraHeaders(in, headers, kinds);
            return new FuzzRequest(op.id() + "[" + String.join(",", kinds) + "]", method, target, headers, body,
                    declareLength);
        };
    }

    private static String method(Op op, RandomnessSource in, List<String> kinds) {
        int p = Generate.range(1, 100).generate(in);
        if (p <= 85) {
            return op.method();
        }
        kinds.add("other-method");
        return p <= 97 ? Generate.pick(List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"))
                .generate(in) : Gens.token(1, 12).generate(in);
    }

    private String path(Op op, RandomnessSource in, List<String> kinds) {
        String path = op.path();
        for (Parameter p : op.parameters()) {
            if (!"path".equals(p.getIn())) {
                continue;
            }
            String known = ids.forName(p.getName(), in);
            String value;
            if (known != null && Gens.chance(in, 60)) {
                value = known;
            } else {
                value = Gens.pathSegment().generate(in);
                kinds.add("path-" + p.getName());
            }
            path = path.replace("{" + p.getName() + "}", value);
        }
        if (Gens.chance(in, 4)) {
            kinds.add("path-suffix");
            path += Generate.pick(List.of("/", "//", "/x", "/..", "/%2e%2e", ";x", "%00")).generate(in);
        }
        return path;
    }

    private String query(Op op, RandomnessSource in, List<String> kinds) {
        StringBuilder q = new StringBuilder();
        for (Parameter p : op.parameters()) {
            if ("query".equals(p.getIn()) && Gens.chance(in, 60)) {
                JsonValueText v = new JsonValueText(values.value(p.getSchema(), p.getName(), in, 0));
                q.append(q.isEmpty() ? "?" : "&").append(p.getName()).append('=').append(Gens.encode(v.text()));
            }
        }
        if (Gens.chance(in, 8)) {
            kinds.add("extra-query");
            q.append(q.isEmpty() ? "?" : "&").append(Gens.encode(Gens.text().generate(in))).append('=')
                    .append(Gens.pathSegment().generate(in));
        }
        return q.toString();
    }

    private record JsonValueText(com.fasterxml.jackson.databind.JsonNode node) {
        String text() {
            return node.isTextual() ? node.asText() : node.toString();
        }
    }

    private void auth(RandomnessSource in, List<String[]> headers, List<String> kinds) {
        int p = Generate.range(1, 100).generate(in);
        String value;
        if (p <= 70) {
            value = "Bearer " + tokens.valid();
        } else if (p <= 76) {
            value = "Bearer " + tokens.readOnly();
            kinds.add("read-only-token");
        } else if (p <= 82) {
            value = "Bearer " + tokens.expired();
            kinds.add("expired-token");
        } else if (p <= 88) {
            value = "Bearer " + Gens.headerValue().generate(in);
            kinds.add("garbage-token");
        } else if (p <= 92) {
            value = Gens.token(1, 10).generate(in) + " " + Gens.headerValue().generate(in);
            kinds.add("other-scheme");
        } else {
            kinds.add("no-token");
            return;
        }
        headers.add(new String[] {"Authorization", value});
    }

    private static void correlator(RandomnessSource in, List<String[]> headers, List<String> kinds) {
        int p = Generate.range(1, 100).generate(in);
        if (p <= 40) {
            headers.add(new String[] {"x-correlator",
                    strings().betweenCodePoints('0', 'z').ofLengthBetween(1, 256).generate(in)
                            .replaceAll("[^a-zA-Z0-9-_:;./<>{}]", "-")});
        } else if (p <= 60) {
            headers.add(new String[] {"x-correlator", Gens.headerValue().generate(in)});
            kinds.add("odd-correlator");
        } else if (p <= 65) {
            headers.add(new String[] {"x-correlator", strings().ascii().ofLengthBetween(257, 600).generate(in)
                    .replaceAll("[\\r\\n]", "x")});
            kinds.add("long-correlator");
        }
    }

    private static void contentType(RandomnessSource in, List<String[]> headers, List<String> kinds) {
        int p = Generate.range(1, 100).generate(in);
        if (p <= 80) {
            headers.add(new String[] {"Content-Type", "application/json"});
        } else if (p <= 88) {
            headers.add(new String[] {"Content-Type", Gens.token(1, 10).generate(in).toLowerCase() + "/"
                    + Gens.token(1, 10).generate(in).toLowerCase()});
            kinds.add("other-content-type");
        } else if (p <= 94) {
            headers.add(new String[] {"Content-Type", "application/json; charset=" + Gens.headerValue().generate(in)});
            kinds.add("odd-charset");
        } else {
            kinds.add("no-content-type");
        }
    }

    private static void extraHeaders(RandomnessSource in, List<String[]> headers, List<String> kinds) {
        int p = Generate.range(1, 100).generate(in);
        if (p <= 10) {
            headers.add(new String[] {"Accept", Generate.pick(List.of("application/json", "application/xml",
                    "text/html", "*/*", "application/*")).generate(in)});
        } else if (p <= 20) {
            int n = integers().between(1, 3).generate(in);
            for (int i = 0; i < n; i++) {
                headers.add(new String[] {"X-" + Gens.token(1, 20).generate(in), Gens.headerValue().generate(in)});
            }
            kinds.add("extra-headers");
        } else if (p <= 22) {
            int n = integers().between(90, 130).generate(in);
            for (int i = 0; i < n; i++) {
                headers.add(new String[] {"X-H" + i, "1"});
            }
            kinds.add("many-headers");
        } else if (p <= 24) {
            headers.add(new String[] {"X-Long", strings().basicLatinAlphabet().ofLengthBetween(6_000, 20_000)
                    .generate(in)});
            kinds.add("long-header");
        } else if (p <= 26) {
            headers.add(new String[] {"Expect", Gens.headerValue().generate(in)});
            kinds.add("expect");
        }
    }

    private static byte[] chunked(byte[] body) {
        String head = Integer.toHexString(body.length) + "\r\n";
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] out = new byte[h.length + body.length + tail.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        System.arraycopy(tail, 0, out, h.length + body.length, tail.length);
        return body.length == 0 ? "0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : out;
    }
}
