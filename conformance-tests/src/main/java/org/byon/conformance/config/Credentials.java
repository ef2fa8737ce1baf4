package org.byon.conformance.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who the suite authenticates as, read from the config: each test subscriber ({@code subscribers.X}) and the API
 * consumer's two-legged credential ({@code auth.twoLegged}). Part of {@link ConfigLoader}: problems are collected,
 * not thrown.
 */
final class Credentials {
    private Credentials() {
    }

    /** {@code auth.twoLegged}: an API consumer's clientId + clientSecret (with auth.tokenUrl) or static token. */
    static SuiteConfig.Subscriber twoLegged(JsonNode n, boolean haveTokenUrl, List<String> problems) {
        String p = "auth.twoLegged";
        if (!n.isObject()) {
            problems.add(p + " must be a mapping with clientId and clientSecret or a static token");
            return new SuiteConfig.Subscriber("consumer", "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> clientId = Optional.ofNullable(ConfigLoader.text(n, "clientId"));
        Optional<String> secret = Optional.ofNullable(ConfigLoader.text(n, "clientSecret"));
        Optional<String> token = Optional.ofNullable(ConfigLoader.text(n, "token"));
        checkCredential(p, clientId, secret, token, haveTokenUrl, problems);
        unknownKeys(p, n, Set.of("clientId", "clientSecret", "token"), "key (clientId, clientSecret, token)", problems);
        return new SuiteConfig.Subscriber("consumer", "", clientId, secret, token, Optional.empty(), Optional.empty());
    }

    /** A static token, or clientId + clientSecret with auth.tokenUrl set. */
    private static void checkCredential(String p, Optional<String> clientId, Optional<String> secret, Optional<String> token,
                                        boolean haveTokenUrl, List<String> problems) {
        if (token.isPresent()) {
            return;
        }
        if (clientId.isEmpty() || secret.isEmpty()) {
            problems.add(p + " needs clientId and clientSecret (with auth.tokenUrl) or a static token");
        } else if (!haveTokenUrl) {
            problems.add(p + " uses client credentials but auth.tokenUrl is not set");
        }
    }

    private static void unknownKeys(String p, JsonNode n, Set<String> known, String what, List<String> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(p + "." + f + " is not a known " + what);
            }
        }
    }

    static SuiteConfig.Subscriber subscriber(String role, JsonNode n, boolean haveTokenUrl, List<String> problems) {
        String p = "subscribers." + role;
        if (n == null || !n.isObject()) {
            problems.add(p + " must be a mapping with phoneNumber and clientId/clientSecret or token");
            return new SuiteConfig.Subscriber(role, "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        String phone = ConfigLoader.text(n, "phoneNumber");
        if (phone == null) {
            problems.add(p + ".phoneNumber is required (E.164, e.g. +447700900001)");
        } else if (!ConfigLoader.E164.matcher(phone).matches()) {
            problems.add(p + ".phoneNumber '" + phone + "' is not E.164 (^\\+[1-9][0-9]{4,14}$)");
        }
        Optional<String> clientId = Optional.ofNullable(ConfigLoader.text(n, "clientId"));
        Optional<String> secret = Optional.ofNullable(ConfigLoader.text(n, "clientSecret"));
        Optional<String> token = Optional.ofNullable(ConfigLoader.text(n, "token"));
        checkCredential(p, clientId, secret, token, haveTokenUrl, problems);
        Optional<String> expiredUrl = Optional.ofNullable(ConfigLoader.text(n, "expiredTokenUrl"));
        expiredUrl.ifPresent(u -> ConfigLoader.checkUrlOrPath(p + ".expiredTokenUrl", u, problems));
        unknownKeys(p, n, Set.of("phoneNumber", "clientId", "clientSecret", "token", "expiredTokenUrl", "expiredToken"),
                "subscriber key", problems);
        return new SuiteConfig.Subscriber(role, phone == null ? "" : phone, clientId, secret, token, expiredUrl,
                Optional.ofNullable(ConfigLoader.text(n, "expiredToken")));
    }
}
