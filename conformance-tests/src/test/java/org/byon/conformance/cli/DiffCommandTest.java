package org.byon.conformance.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest {
    static String report(String... idVerdict) {
        StringBuilder sb = new StringBuilder("{\"tests\":[");
        for (int i = 0; i < idVerdict.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idVerdict[i]).append("\",\"verdict\":\"").append(idVerdict[i + 1])
                    .append("\",\"message\":\"m\",\"failures\":[{\"check\":\"c\",\"expected\":\"HTTP 404\",\"actual\":\"HTTP 200\"}]}");
        }
        return sb.append("]}").toString();
    }

    int diff(Path dir, String old, String neu, ByteArrayOutputStream out) throws Exception {
        Files.writeString(dir.resolve("old.json"), old);
        Files.writeString(dir.resolve("new.json"), neu);
        return Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true),
                "diff", dir.resolve("old.json").toString(), dir.resolve("new.json").toString());
    }

    @Test
    void aRegressionIsListedWithItsFailureAndExitsOne(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = diff(dir, report("BYON-A-001", "PASS", "BYON-A-002", "FAIL", "BYON-A-003", "PASS", "BYON-A-004", "PASS"),
                report("BYON-A-001", "FAIL", "BYON-A-002", "PASS", "BYON-A-003", "INCONCLUSIVE", "BYON-A-004", "PASS", "BYON-A-005", "ERROR"), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(text).containsPattern("REGRESSION BYON-A-001 +PASS +-> FAIL").contains("c: expected HTTP 404, actual HTTP 200")
                .containsPattern("FIXED +BYON-A-002 +FAIL +-> PASS").containsPattern("CHANGED +BYON-A-003 +PASS +-> INCONCLUSIVE")
                .containsPattern("REGRESSION BYON-A-005 +\\(absent\\) +-> ERROR").doesNotContain("BYON-A-004")
                .contains("diff: 2 regressions, 1 fixes, 1 other changes");
    }

    @Test
    void onlyFixesExitZeroAndABrokenReportExitsTwo(@TempDir Path dir) throws Exception {
        assertThat(diff(dir, report("BYON-A-001", "FAIL"), report("BYON-A-001", "PASS"), new ByteArrayOutputStream())).isZero();
        assertThat(diff(dir, report("BYON-A-001", "FAIL"), "{\"no\":1}", new ByteArrayOutputStream())).isEqualTo(2);
    }
}
