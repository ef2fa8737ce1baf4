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
        result.put("measured_at", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            result.put("load_average_at_end", load[0] + " " + load[1] + " " + load[2]);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(out, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    }
}
