package org.byon.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Optional;

/**
 * Comparisons by meaning, never by text, where byon.yaml and the RFCs it cites allow variation:
 * JSON values after parsing (escapes such as {@code \/} or {@code \u0061} decoded, key order and
 * extra properties irrelevant), media types case-insensitively with parameters (RFC 9110 8.3.1),
 * authentication schemes case-insensitively (RFC 9110 11.1, formerly RFC 7235 2.1).
 */
public final class Meaning {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Meaning() {
    }

    /** True when some string value (or property name) anywhere in the JSON text contains {@code needle} after decoding. */
    public static boolean jsonMentions(String jsonText, String needle) {
        if (jsonText == null || jsonText.isBlank() || needle == null) {
            return false;
        }
        if (jsonText.contains(needle)) {
            return true;
        }
        try {
            return mentions(JSON.readTree(jsonText), needle);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean mentions(JsonNode n, String needle) {
        if (n == null) {
            return false;
        }
        if (n.isTextual()) {
            return n.asText().contains(needle);
        }
        var names = n.fieldNames();
        while (names.hasNext()) {
            if (names.next().contains(needle)) {
                return true;
            }
        }
        for (JsonNode c : n) {
            if (mentions(c, needle)) {
                return true;
            }
        }
        return false;
    }

    /** The media type's {@code type/subtype}, lower-cased, parameters dropped; empty when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The credentials of an Authorization value with the given scheme (matched case-insensitively), else empty. */
    public static Optional<String> credentials(String authorization, String scheme) {
        if (authorization == null) {
            return Optional.empty();
        }
        String v = authorization.strip();
        int sp = v.indexOf(' ');
        if (sp <= 0 || !v.substring(0, sp).equalsIgnoreCase(scheme)) {
            return Optional.empty();
        }
        return Optional.of(v.substring(sp + 1).strip());
    }
}
