package org.byon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes one scenario's raw result (JSON); {@link Report} merges them. */
final class Results {
    private Results() {
    }

    static void write(Path out, Map<String, Object> result) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(out, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    }
}
