package org.byon.conformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the suite's YAML configuration: substitutes {@code ${ENV}} references, then validates
 * every field and reports all problems at once, each naming the field.
 */
public final class ConfigLoader {
    static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{4,14}$");
    private static final Set<String> TOP_LEVEL = Set.of("apiRoot", "auth", "subscribers", "externalNumbers",
            "features", "webhook", "timeouts", "concurrency");

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    public SuiteConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public SuiteConfig loadResource(String resource) throws ConfigException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("built-in config " + resource + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new ConfigException("built-in config " + resource + " cannot be read: " + e.getMessage());
        }
    }

    public SuiteConfig parse(String text, String origin) throws ConfigException {
        List<String> problems = new ArrayList<>();
        String substituted = EnvSubstitution.apply(text, env, problems);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(substituted);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(origin + " is not valid YAML: " + msg);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(origin + " must be a YAML mapping with at least apiRoot and subscribers");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP_LEVEL.contains(f)) {
                problems.add("unknown top-level key '" + f + "' (expected one of " + new java.util.TreeSet<>(TOP_LEVEL) + ")");
            }
        }

        URI apiRoot = null;
        String apiRootText = text(root, "apiRoot");
        if (apiRootText == null) {
            problems.add("apiRoot is required (e.g. http://localhost:8080/byon/v0.2)");
        } else {
            apiRoot = absoluteHttpUrl("apiRoot", apiRootText, problems);
            if (apiRoot != null && apiRootText.endsWith("/")) {
                apiRoot = URI.create(apiRootText.substring(0, apiRootText.length() - 1));
            }
        }

        JsonNode auth = root.path("auth");
        Optional<String> tokenUrl = Optional.ofNullable(text(auth, "tokenUrl"));
        tokenUrl.ifPresent(u -> checkUrlOrPath("auth.tokenUrl", u, problems));
        String clientAuth = Optional.ofNullable(text(auth, "clientAuth")).orElse("basic");
        if (!clientAuth.equals("basic") && !clientAuth.equals("form")) {
            problems.add("auth.clientAuth must be 'basic' or 'form', not '" + clientAuth + "'");
        }
        Optional<String> scope = Optional.ofNullable(text(auth, "scope"));
        Optional<URI> authOrigin = Optional.empty();
        if (text(auth, "origin") != null) {
            authOrigin = Optional.ofNullable(absoluteHttpUrl("auth.origin", text(auth, "origin"), problems));
        }
        Optional<SuiteConfig.Subscriber> twoLegged = auth.has("twoLegged")
                ? Optional.of(Credentials.twoLegged(auth.get("twoLegged"), tokenUrl.isPresent(), problems)) : Optional.empty();

        Map<String, SuiteConfig.Subscriber> subscribers = new LinkedHashMap<>();
        JsonNode subs = root.path("subscribers");
        if (!subs.isObject()) {
            problems.add("subscribers is required: a mapping with A and B (and optionally C)");
        } else {
            for (Iterator<String> it = subs.fieldNames(); it.hasNext(); ) {
                String role = it.next();
                if (!List.of("A", "B", "C", "D").contains(role)) {
                    problems.add("subscribers." + role + " is not a role (use A, B and optionally C and D)");
                    continue;
                }
                subscribers.put(role, Credentials.subscriber(role, subs.get(role), tokenUrl.isPresent(), problems));
            }
            if (!subs.has("A")) {
                problems.add("subscribers.A is required (B too for incoming calls and cross-subscriber tests)");
            }
            if (subs.has("C") && !subs.has("B")) {
                problems.add("subscribers.C needs subscribers.B (C is the third party calling B)");
            }
        }

        Map<String, String> external = new LinkedHashMap<>();
        JsonNode ext = root.path("externalNumbers");
        if (!ext.isMissingNode() && !ext.isNull()) {
            if (!ext.isObject()) {
                problems.add("externalNumbers must be a mapping of " + SuiteConfig.EXTERNAL_KINDS + " to E.164 numbers");
            } else {
                for (Iterator<String> it = ext.fieldNames(); it.hasNext(); ) {
                    String kind = it.next();
                    String number = text(ext, kind);
                    if (!SuiteConfig.EXTERNAL_KINDS.contains(kind)) {
                        problems.add("externalNumbers." + kind + " is unknown (expected one of " + SuiteConfig.EXTERNAL_KINDS + ")");
                    } else if (number == null || !E164.matcher(number).matches()) {
                        problems.add("externalNumbers." + kind + " must be an E.164 number like +447700900100, not '" + number + "'");
                    } else {
                        external.put(kind, number);
                    }
                }
            }
        }

        Set<String> channelTypes = new LinkedHashSet<>(List.of("WebSocket"));
        JsonNode features = root.path("features");
        JsonNode types = features.path("channelTypes");
        if (!types.isMissingNode()) {
            channelTypes.clear();
            if (!types.isArray()) {
                problems.add("features.channelTypes must be a list of " + SuiteConfig.CHANNEL_TYPES);
            } else {
                for (JsonNode t : types) {
                    if (!SuiteConfig.CHANNEL_TYPES.contains(t.asText())) {
                        problems.add("features.channelTypes: '" + t.asText() + "' is not one of " + SuiteConfig.CHANNEL_TYPES);
                    } else {
                        channelTypes.add(t.asText());
                    }
                }
                if (!channelTypes.contains("WebSocket")) {
                    problems.add("features.channelTypes must include WebSocket: the call tests receive their events on it");
                }
            }
        }
        Optional<Integer> maxRegs = Optional.empty();
        if (features.has("maxRegistrationsPerSubscriber")) {
            JsonNode n = features.get("maxRegistrationsPerSubscriber");
            if (!n.canConvertToInt() || n.asInt() < 2) {
                problems.add("features.maxRegistrationsPerSubscriber must be an integer >= 2");
            } else {
                maxRegs = Optional.of(n.asInt());
            }
        }

        boolean webhookUrlGuard = true;
        if (features.has("webhookUrlGuard")) {
            if (!features.get("webhookUrlGuard").isBoolean()) {
                problems.add("features.webhookUrlGuard must be true or false");
            } else {
                webhookUrlGuard = features.get("webhookUrlGuard").asBoolean();
            }
        }

        Optional<Duration> minRegExpiry = Optional.empty();
        String minExp = text(features, "minRegistrationExpiry");
        if (minExp != null) {
            try {
                minRegExpiry = Optional.of(parseDuration(minExp));
            } catch (IllegalArgumentException e) {
                problems.add("features.minRegistrationExpiry '" + minExp + "' is not a duration (e.g. 2s, 1m, PT60S)");
            }
        }
        SuiteConfig.Limits limits = new SuiteConfig.Limits(
                positiveInt(features, "maxHeaderBytes", problems), positiveInt(features, "maxBodyBytes", problems),
                positiveInt(features.path("rateLimit"), "requestsPerSecond", "rateLimit.", problems), positiveInt(features.path("rateLimit"), "burst", "rateLimit.", problems),
                positiveInt(features, "maxChannelsPerSubscriber", problems), positiveInt(features, "maxCallsPerRegistration", problems));
        if (limits.requestsPerSecond().isPresent() != limits.burst().isPresent()) {
            problems.add("features.rateLimit needs both requestsPerSecond and burst (the gateway's per-subscriber token bucket)");
        }
        Optional<String> pushOutbox = Optional.ofNullable(text(features, "pushOutboxUrl"));
        pushOutbox.filter(u -> !u.startsWith("/")).ifPresent(u -> absoluteHttpUrl("features.pushOutboxUrl", u, problems));

        JsonNode wh = root.path("webhook");
        String bind = Optional.ofNullable(text(wh, "bindAddress")).orElse("127.0.0.1");
        int port = 0;
        if (wh.has("port")) {
            if (!wh.get("port").canConvertToInt() || wh.get("port").asInt() < 0 || wh.get("port").asInt() > 65535) {
                problems.add("webhook.port must be 0 (any free port) or a port number");
            } else {
                port = wh.get("port").asInt();
            }
        }
        Optional<String> publicUrl = Optional.ofNullable(text(wh, "publicUrl"));
        publicUrl.ifPresent(u -> absoluteHttpUrl("webhook.publicUrl", u.replace("{port}", "1"), problems));
        boolean tls = false;
        if (wh.has("tls")) {
            JsonNode t = wh.get("tls");
            String tt = t.asText("");
            if (t.isBoolean() || tt.equals("true") || tt.equals("false")) {
                tls = t.isBoolean() ? t.asBoolean() : Boolean.parseBoolean(tt);
            } else {
                problems.add("webhook.tls must be true or false");
            }
        }
        Optional<String> keyStore = Optional.ofNullable(text(wh, "keyStore")).filter(k -> !k.isBlank());
        keyStore.filter(k -> !Files.isReadable(Path.of(k)))
                .ifPresent(k -> problems.add("webhook.keyStore '" + k + "' is not a readable file (a PKCS#12 store; leave it out to generate a certificate)"));
        String keyStorePassword = Optional.ofNullable(text(wh, "keyStorePassword")).orElse("");
        if (keyStore.isPresent()) {
            tls = true;
        }
        if (!tls && publicUrl.isEmpty() && channelTypes.contains("Webhook")) {
            // allowed (a gateway started with an insecure-URL test switch), but the webhook tests then report
            // INCONCLUSIVE when the gateway refuses the http URL byon.yaml's pattern forbids
        }

        JsonNode to = root.path("timeouts");
        SuiteConfig.Timeouts timeouts = new SuiteConfig.Timeouts(
                duration(to, "http", Duration.ofSeconds(10), problems),
                duration(to, "event", Duration.ofSeconds(5), problems),
                duration(to, "ringTimeout", Duration.ofSeconds(30), problems),
                duration(to, "webhookRetry", Duration.ofSeconds(10), problems),
                duration(to, "registrationExpiry", Duration.ofSeconds(10), problems));

        int concurrency = 4;
        if (root.has("concurrency")) {
            JsonNode c = root.get("concurrency");
            if (!c.canConvertToInt() || c.asInt() < 1 || c.asInt() > 64) {
                problems.add("concurrency must be an integer from 1 to 64");
            } else {
                concurrency = c.asInt();
            }
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SuiteConfig(apiRoot, new SuiteConfig.Auth(tokenUrl, clientAuth, scope, authOrigin, twoLegged), Map.copyOf(subscribers),
                Map.copyOf(external), Set.copyOf(channelTypes), new SuiteConfig.Webhook(bind, port, publicUrl, tls, keyStore, keyStorePassword),
                timeouts, concurrency, maxRegs, webhookUrlGuard, minRegExpiry, pushOutbox, limits);
    }

    /** An optional integer >= 1 of {@code features} (prefix {@code features.} in the problem). */
    private static Optional<Integer> positiveInt(JsonNode parent, String field, List<String> problems) {
        return positiveInt(parent, field, "", problems);
    }

    private static Optional<Integer> positiveInt(JsonNode parent, String field, String prefix, List<String> problems) {
        if (parent == null || !parent.has(field) || parent.get(field).isNull()) {
            return Optional.empty();
        }
        JsonNode n = parent.get(field);
        if (!n.canConvertToInt() || n.asInt() < 1) {
            problems.add("features." + prefix + field + " must be an integer >= 1, not '" + n.asText() + "'");
            return Optional.empty();
        }
        return Optional.of(n.asInt());
    }

    static void checkUrlOrPath(String field, String value, List<String> problems) {
        if (!value.startsWith("/")) {
            absoluteHttpUrl(field, value, problems);
        }
    }

    private static URI absoluteHttpUrl(String field, String value, List<String> problems) {
        try {
            URI u = URI.create(value);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                problems.add(field + " must be an absolute http(s) URL, not '" + value + "'");
                return null;
            }
            return u;
        } catch (IllegalArgumentException e) {
            problems.add(field + " is not a valid URL: '" + value + "'");
            return null;
        }
    }

    private static Duration duration(JsonNode parent, String field, Duration dflt, List<String> problems) {
        String v = text(parent, field);
        if (v == null) {
            return dflt;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            problems.add("timeouts." + field + " '" + v + "' is not a duration (e.g. 500ms, 5s, 2m, PT5S)");
            return dflt;
        }
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}). */
    public static Duration parseDuration(String v) {
        String s = v.trim();
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                return Duration.parse(s);
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()) * 60);
            }
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(v);
        }
    }

    static String text(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode n = parent.get(field);
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String t = n.isValueNode() ? n.asText() : n.toString();
        return t.isBlank() ? null : t.trim();
    }
}
