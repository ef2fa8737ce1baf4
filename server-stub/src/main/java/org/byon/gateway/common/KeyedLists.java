package org.byon.gateway.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Values grouped by a key (the registrations of one phone number, the bindings of one subscriber, the live legs of
 * one registration), so that a lookup costs the size of one group instead of a scan of everything held. Each group
 * is an immutable list in insertion order, replaced on every change under the key's lock
 * ({@link ConcurrentHashMap#compute}): changes of one key are serialised, changes of different keys are not, and
 * reads take no lock. An empty group is removed. Thread-safe.
 *
 * @param <K> the key
 * @param <V> the values, compared by {@code equals} on removal
 */
public final class KeyedLists<K, V> {
    private final ConcurrentHashMap<K, List<V>> groups = new ConcurrentHashMap<>();

    /** The group of {@code key} (a snapshot, in insertion order), empty if none. */
    public List<V> get(K key) {
        List<V> group = key == null ? null : groups.get(key);
        return group == null ? List.of() : group;
    }

    /** Adds {@code value} at the end of the group of {@code key}. */
    public void add(K key, V value) {
        update(key, group -> appended(group, value));
    }

    /** Removes {@code value} from the group of {@code key} (nothing if it is not there). */
    public void remove(K key, V value) {
        groups.computeIfPresent(key, (k, group) -> {
            if (!group.contains(value)) {
                return group;
            }
            List<V> out = new ArrayList<>(group);
            out.remove(value);
            return out.isEmpty() ? null : List.copyOf(out);
        });
    }

    /**
     * Replaces the group of {@code key} by what {@code change} returns for the current one (empty if none),
     * atomically for that key: a check over the group and the change it allows are one decision. {@code change}
     * may throw (nothing changes) and may update other structures, but not this one. An empty result removes the
     * group.
     */
    public void update(K key, UnaryOperator<List<V>> change) {
        groups.compute(key, (k, group) -> {
            List<V> out = change.apply(group == null ? List.of() : group);
            return out == null || out.isEmpty() ? null : out;
        });
    }

    /** {@code group} and {@code value} after it, as a new immutable list. */
    public static <V> List<V> appended(List<V> group, V value) {
        if (group.isEmpty()) {
            return List.of(value);
        }
        List<V> out = new ArrayList<>(group.size() + 1);
        out.addAll(group);
        out.add(value);
        return List.copyOf(out);
    }

    /** Number of keys with a group. */
    public int keys() {
        return groups.size();
    }
}
