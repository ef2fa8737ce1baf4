package org.byon.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the contract facts a browser page needs as a small ES module, so the softphone holds no
 * hand-written copy: {@code CONTRACT_VERSION}, {@code BASE_PATH}, {@code EVENT_TYPES} (one
 * constant per CloudEvent type, named after its last segment: {@code session-status} ->
 * {@code SESSION_STATUS}) and {@code TERMINAL_VOICE_STATUSES} ({@code VoiceSessionStatus}'s {@code x-terminal}).
 * The text is valid TypeScript as well: the TypeScript SDK's build writes it as {@code generated/contract.ts}. The gateway's build runs {@link #main} into its static resources; the
 * output is generated, never committed.
 */
public final class JsFacts {
    private JsFacts() {
    }

    /** The ES module text for {@code contract}. */
    public static String module(ByonContract contract) {
        StringBuilder js = new StringBuilder()
                .append("// Generated from openapi/byon.yaml by org.byon.openapi.JsFacts at build time: do not edit.\n")
                .append("export const CONTRACT_VERSION = ").append(quote(contract.version())).append(";\n")
                .append("export const BASE_PATH = ").append(quote(contract.basePath())).append(";\n")
                .append("export const EVENT_TYPES = Object.freeze({\n");
        for (EventSpec e : contract.eventTypes()) {
            js.append("  ").append(constantName(e.type())).append(": ").append(quote(e.type())).append(",\n");
        }
        js.append("});\n");
        js.append("export const TERMINAL_VOICE_STATUSES = Object.freeze([")
                .append(contract.terminalVoiceStatuses().stream().map(JsFacts::quote).collect(java.util.stream.Collectors.joining(", ")))
                .append("]);\n");
        return js.toString();
    }

    /** {@code org.byon.voice.v1.session-status} -> {@code SESSION_STATUS}. */
    static String constantName(String type) {
        return type.substring(type.lastIndexOf('.') + 1).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Writes the module of the embedded contract to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JsFacts <output.js>");
        }
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, module(ByonContract.load()), StandardCharsets.UTF_8);
    }
}
