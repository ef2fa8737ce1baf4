package org.byon.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: wall time of {@code java -jar byon-conformance.jar run --config FILE --profile full} against the
 * local gateway, JVM start included. A missing jar is reported as missing.
 */
final class Suite {
    private Suite() {
    }

    static void run(Args a) throws Exception {
        Path jar = Path.of(a.req("jar"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "suite");
        out.put("profile", a.str("profile", "full"));
        if (!Files.isRegularFile(jar)) {
            out.put("status", "missing");
            out.put("detail", jar + " does not exist (the conformance suite was not built)");
            Results.write(Path.of(a.req("out")), out);
            System.err.println("[suite] missing: " + jar);
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString(), "run", "--config", a.req("config"),
                "--profile", a.str("profile", "full")));
        String extra = a.str("extra-args", "");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        Path log = Path.of(a.req("log"));
        Files.createDirectories(log.toAbsolutePath().getParent());
        double timeout = a.dbl("timeout", 300);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean done = p.waitFor((long) (timeout * 1000), TimeUnit.MILLISECONDS);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        out.put("command", String.join(" ", cmd));
        out.put("status", !done ? "timeout" : p.exitValue() == 0 ? "passed" : "failed");
        out.put("exit_code", done ? p.exitValue() : null);
        out.put("wall_s", Math.round(wall * 100) / 100.0);
        out.put("output_tail", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        Results.write(Path.of(a.req("out")), out);
        System.err.printf("[suite] %s in %.2f s (exit %s)%n", out.get("status"), wall, out.get("exit_code"));
    }
}
