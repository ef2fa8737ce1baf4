package org.byon.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.byon.gateway.common.ByonException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway serves its own contract, unauthenticated, outside the API root: {@value #CONTRACT_PATH}
 * (byon.yaml as the byon-openapi jar carries it) and {@value #REFERENCE_PATH} (the Redocly HTML reference
 * that the openapi module's build puts into that jar; when the build skipped its Node steps, a short page
 * that links to the YAML instead).
 */
@RestController
public class ContractDocsController {
    public static final String CONTRACT_PATH = "/openapi/byon.yaml";
    public static final String REFERENCE_PATH = "/openapi/byon.html";
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final ClassPathResource contract = new ClassPathResource("openapi/byon.yaml");
    private final ClassPathResource reference = new ClassPathResource("openapi/byon.html");

    @GetMapping(CONTRACT_PATH)
    ResponseEntity<byte[]> contract() {
        if (!contract.exists()) {
            throw ByonException.notFound("contract", "byon.yaml");
        }
        return ResponseEntity.ok().contentType(YAML).body(read(contract));
    }

    @GetMapping(REFERENCE_PATH)
    ResponseEntity<byte[]> reference() {
        byte[] body = reference.exists() ? read(reference) : FALLBACK.getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(body);
    }

    private static byte[] read(ClassPathResource r) {
        try (InputStream in = r.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + r.getPath(), e);
        }
    }

    static final String FALLBACK = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>BYON - Bring Your Own Number: API reference</title></head>
            <body><h1>BYON - Bring Your Own Number</h1>
            <p>The HTML reference was not built into this gateway (its build skipped the Node steps,
            <code>-Dbyon.node.skip=true</code>). The contract itself: <a href="byon.yaml">byon.yaml</a>.</p>
            </body></html>
            """;
}
