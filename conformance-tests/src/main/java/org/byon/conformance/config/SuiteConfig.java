package org.byon.conformance.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one run. Immutable; safe to share between threads.
 *
 * @param apiRoot       base URL of the API, e.g. {@code http://localhost:8080/byon/v0.2}
 * @param subscribers   test subscribers by role: {@code A} and {@code B} (required), {@code C} (optional), {@code D} (optional:
 *                      another subscriber of A's client, for INVALID_TOKEN_CONTEXT)
 * @param externalNumbers external test numbers by behaviour ({@code answers}, {@code busy},
 *                      {@code noAnswer}, {@code declines}, {@code notReachable}); all optional
 * @param channelTypes  the channel types the gateway declares it supports
 * @param webhook       the suite's own webhook receiver
 * @param timeouts      deadlines
 * @param concurrency   tests run at the same time
 * @param maxRegistrationsPerSubscriber the gateway's declared registration limit, if any
 * @param webhookUrlGuard whether the gateway refuses loopback/private webhook URLs (false on test deployments
 *                      that let the suite's own http receiver in)
 * @param minRegistrationExpiry the gateway's declared minimum registration expiry (a shorter
 *                      registrationExpireTime is raised to it), if declared
 * @param limits        the limits the gateway declares (byon.yaml "Limits"): the 413, 431 and 429 tests send just over them
 * @param pushOutboxUrl where the pushes the gateway handed to its push service can be read (the reference's
 *                      {@code /simulator/v1/push-outbox}; a path starting with {@code /} follows the API root's origin), if any
 */
public record SuiteConfig(
        URI apiRoot,
        Auth auth,
        Map<String, Subscriber> subscribers,
        Map<String, String> externalNumbers,
        Set<String> channelTypes,
        Webhook webhook,
        Timeouts timeouts,
        int concurrency,
        Optional<Integer> maxRegistrationsPerSubscriber,
        boolean webhookUrlGuard,
        Optional<Duration> minRegistrationExpiry,
        Optional<String> pushOutboxUrl,
        Limits limits) {

    public static final List<String> EXTERNAL_KINDS = List.of("answers", "busy", "noAnswer", "declines", "notReachable");
    public static final List<String> CHANNEL_TYPES = List.of("WebSocket", "Webhook", "PushNotification");

    /**
     * How access tokens are obtained.
     *
     * @param origin    where URLs starting with {@code /} (token, expired token) are resolved; default the apiRoot's
     *                  origin. Set it when the API is reached through a proxy (e.g. Prism) that does not serve the IdP.
     * @param twoLegged an API consumer's two-legged credential (client credentials or a static token) whose token names
     *                  no subscriber (role {@code consumer}, empty phone number), for the test that it creates nothing
     */
    public record Auth(Optional<String> tokenUrl, String clientAuth, Optional<String> scope, Optional<URI> origin,
                       Optional<Subscriber> twoLegged) {
        public Auth(Optional<String> tokenUrl, String clientAuth, Optional<String> scope, Optional<URI> origin) {
            this(tokenUrl, clientAuth, scope, origin, Optional.empty());
        }

        public Auth withOrigin(URI o) {
            return new Auth(tokenUrl, clientAuth, scope, Optional.of(o), twoLegged);
        }
    }

    /**
     * One test subscriber.
     *
     * @param role            {@code A}, {@code B} or {@code C}
     * @param phoneNumber     E.164 number the gateway serves for this subscriber
     * @param clientId        OAuth client id (with {@code clientSecret}), or empty when {@code token} is static
     * @param token           a static access token instead of client credentials
     * @param expiredTokenUrl where to fetch an expired but correctly signed token (reference gateway)
     * @param expiredToken    a static expired token
     */
    public record Subscriber(String role, String phoneNumber, Optional<String> clientId, Optional<String> clientSecret,
                             Optional<String> token, Optional<String> expiredTokenUrl, Optional<String> expiredToken) {
        public String name() {
            return clientId.orElse(role);
        }

        public String telUri() {
            return "tel:" + phoneNumber;
        }
    }

    /**
     * The suite's webhook receiver: where it listens and the URL the gateway must call; {@code tls}: it serves
     * https, with the PKCS#12 {@code keyStore} when given, else a certificate generated at start.
     */
    public record Webhook(String bindAddress, int port, Optional<String> publicUrl, boolean tls, Optional<String> keyStore,
                          String keyStorePassword) {
        public Webhook(String bindAddress, int port, Optional<String> publicUrl) {
            this(bindAddress, port, publicUrl, false, Optional.empty(), "");
        }

        public Webhook withKeyStore(String path, String password) {
            return new Webhook(bindAddress, port, publicUrl, true, Optional.of(path), password == null ? keyStorePassword : password);
        }

        @Override
        public String toString() {
            return "Webhook[" + bindAddress + ":" + port + ", publicUrl=" + publicUrl + ", tls=" + tls + ", keyStore=" + keyStore + "]";
        }
    }

    /**
     * The gateway's declared limits (byon.yaml's "Limits"; all optional, each test NOT_APPLICABLE without its value).
     *
     * @param maxHeaderBytes          the largest header section it accepts (431 beyond it)
     * @param maxBodyBytes            the largest request body it accepts (413 beyond it)
     * @param requestsPerSecond       the per-subscriber rate limit, sustained (429 TOO_MANY_REQUESTS beyond it)
     * @param burst                   the per-subscriber rate limit's burst
     * @param maxChannelsPerSubscriber live channels per subscriber (429 QUOTA_EXCEEDED beyond it)
     * @param maxCallsPerRegistration live voice sessions per registration (429 QUOTA_EXCEEDED beyond it)
     */
    public record Limits(Optional<Integer> maxHeaderBytes, Optional<Integer> maxBodyBytes, Optional<Integer> requestsPerSecond,
                         Optional<Integer> burst, Optional<Integer> maxChannelsPerSubscriber, Optional<Integer> maxCallsPerRegistration) {
        public static Limits none() {
            return new Limits(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Deadlines of one run; {@code registrationExpiry}: the longest a test waits for a registration to expire. */
    public record Timeouts(Duration http, Duration event, Duration ringTimeout, Duration webhookRetry, Duration registrationExpiry) {
    }

    public Subscriber a() {
        return subscribers.get("A");
    }

    /** Subscriber B, or null when only A is configured. */
    public Subscriber b() {
        return subscribers.get("B");
    }

    public boolean oneSubscriberOnly() {
        return !subscribers.containsKey("B");
    }

    public Optional<Subscriber> c() {
        return Optional.ofNullable(subscribers.get("C"));
    }

    /** Subscriber D: another subscriber of A's OAuth client (same client, another phone number), if configured. */
    public Optional<Subscriber> d() {
        return Optional.ofNullable(subscribers.get("D"));
    }

    public Optional<String> external(String kind) {
        return Optional.ofNullable(externalNumbers.get(kind));
    }

    public boolean supports(String channelType) {
        return channelTypes.contains(channelType);
    }

    /** Resolves a possibly relative URL (starting with {@code /}) against the origin of {@link #apiRoot()}. */
    public static URI resolveAgainstOrigin(URI apiRoot, String value) {
        if (value.startsWith("/")) {
            return URI.create(apiRoot.getScheme() + "://" + apiRoot.getRawAuthority() + value);
        }
        return URI.create(value);
    }

    /** A configured URL, resolved against the origin of the API root when it starts with {@code /}. */
    public URI resolve(String value) {
        return resolveAgainstOrigin(auth.origin().orElse(apiRoot), value);
    }

    public SuiteConfig withAuthOrigin(URI origin) {
        return new SuiteConfig(apiRoot, auth.withOrigin(origin), subscribers, externalNumbers, channelTypes, webhook, timeouts,
                concurrency, maxRegistrationsPerSubscriber, webhookUrlGuard, minRegistrationExpiry, pushOutboxUrl, limits);
    }

    public SuiteConfig withWebhook(Webhook w) {
        return new SuiteConfig(apiRoot, auth, subscribers, externalNumbers, channelTypes, w, timeouts,
                concurrency, maxRegistrationsPerSubscriber, webhookUrlGuard, minRegistrationExpiry, pushOutboxUrl, limits);
    }

    public SuiteConfig withApiRoot(URI newRoot) {
        return new SuiteConfig(newRoot, auth, subscribers, externalNumbers, channelTypes, webhook, timeouts,
                concurrency, maxRegistrationsPerSubscriber, webhookUrlGuard, minRegistrationExpiry, pushOutboxUrl, limits);
    }
}
