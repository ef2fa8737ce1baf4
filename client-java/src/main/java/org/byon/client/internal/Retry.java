package org.byon.client.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry an idempotent request and how long to wait: after {@code 429} or {@code 503} the
 * server's {@code Retry-After} (seconds or HTTP-date, RFC 9110 section 10.2.3) when it sent one,
 * else exponential backoff with full jitter ({@code random(0, min(max, base * 2^n))}); after a
 * connection failure the same backoff. A {@code Retry-After} longer than {@link #maxDelay()} is not
 * waited for: the error is thrown with it. Immutable and thread-safe.
 *
 * @param attempts  attempts in all, including the first (1 = no retry)
 * @param baseDelay the first backoff bound
 * @param maxDelay  the largest wait
 */
public record Retry(int attempts, Duration baseDelay, Duration maxDelay) {

    /** 3 attempts, 200 ms doubling, at most 5 s. */
    public static final Retry DEFAULT = new Retry(3, Duration.ofMillis(200), Duration.ofSeconds(5));

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** @return whether an answered status is worth another attempt */
    static boolean retryable(int status) {
        return status == 429 || status == 503;
    }

    /**
     * @param failedAttempt the attempt that failed, 1 for the first
     * @param retryAfter    the server's Retry-After, or {@code null}
     * @return how long to wait before the next attempt, or {@code null} for no further attempt
     */
    Duration delay(int failedAttempt, Duration retryAfter) {
        if (failedAttempt >= attempts) {
            return null;
        }
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? null : retryAfter;
        }
        long bound = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(failedAttempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** @return the {@code Retry-After} of a response, or {@code null} when absent or unreadable */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        if (headers == null) {
            return null;
        }
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
