package org.byon.gateway.network;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated operator's subscribers, their smartphones and who is in a call (the "occupied user"
 * state). Thread-safe.
 */
public class SubscriberDirectory {
    public static final List<Subscriber> DEMO = List.of(
            new Subscriber("alice", "alice-secret", "+447700900001"),
            new Subscriber("bob", "bob-secret", "+447700900002"),
            new Subscriber("carol", "carol-secret", "+447700900003"));

    private final Map<String, Subscriber> byName;
    private final Map<String, Subscriber> byNumber;
    private final Map<String, SmartphoneMode> smartphones = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> activeCalls = new ConcurrentHashMap<>();

    public SubscriberDirectory(Collection<Subscriber> subscribers) {
        Map<String, Subscriber> names = new LinkedHashMap<>();
        Map<String, Subscriber> numbers = new LinkedHashMap<>();
        for (Subscriber s : subscribers) {
            if (!PhoneNumbers.isE164(s.phoneNumber())) {
                throw new IllegalArgumentException("subscriber " + s.name() + ": phone number " + s.phoneNumber()
                        + " is not E.164");
            }
            if (names.put(s.name(), s) != null || numbers.put(s.phoneNumber(), s) != null) {
                throw new IllegalArgumentException("subscriber " + s.name() + " defined twice (name or number)");
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byNumber = Collections.unmodifiableMap(numbers);
    }

    public Collection<Subscriber> all() {
        return byName.values();
    }

    public Optional<Subscriber> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Subscriber> byNumber(String number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    public SmartphoneMode smartphone(String number) {
        return smartphones.getOrDefault(number, SmartphoneMode.IDLE);
    }

    public void setSmartphone(String number, SmartphoneMode mode) {
        smartphones.put(number, mode);
    }

    /** Whether the subscriber is occupied: a connected or held call on any endpoint, or a busy smartphone. */
    public boolean isBusy(String number) {
        if (smartphone(number) == SmartphoneMode.BUSY) {
            return true;
        }
        AtomicInteger n = activeCalls.get(number);
        return n != null && n.get() > 0;
    }

    /** The subscriber has entered a call (connected). */
    public void callStarted(String number) {
        if (byNumber.containsKey(number)) {
            activeCalls.computeIfAbsent(number, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The subscriber has left a call started with {@link #callStarted}. */
    public void callEnded(String number) {
        AtomicInteger n = activeCalls.get(number);
        if (n != null) {
            n.updateAndGet(v -> Math.max(0, v - 1));
        }
    }
}
