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
    private final KnownIds ids;

    public ContractRequests(Path contract, String apiPrefix, Tokens tokens, KnownIds ids) {
        this.operations = operations(contract);
        this.apiPrefix = apiPrefix;
        this.tokens = tokens;
        this.ids = ids;
        this.values = new SchemaValues(ids);
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

    /** Any operation, with everything around it generated. */
    public Gen<FuzzRequest> any() {
        return Generate.pick(operations).flatMap(this::forOperation);
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
