package org.byon.conformance.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test of the catalogue: a stable id ({@code BYON-<AREA>-<NNN>}), a title, the profile it
 * belongs to, tags, the requirement it proves (a JSON pointer into byon.yaml and optionally an
 * external clause), and its body. Scheduling hints: exclusive {@code locks} (e.g. subscriber B's
 * line for call tests), registrations it needs per subscriber, whether it is slow (started first)
 * or must run after all others. Immutable.
 */
public record ConformanceTest(String id, String area, String title, Profile profile, Set<String> tags, String pointer,
                              String clause, String description, Set<String> locks, Map<String, Integer> registrations,
                              boolean slow, boolean last, TestBody body) {

    public static Builder test(String id, String title) {
        return new Builder(id, title);
    }

    /** The area of an id: {@code BYON-CALL-IN-007} -> {@code CALL-IN}. */
    public static String areaOf(String id) {
        String rest = id.startsWith("BYON-") ? id.substring(5) : id;
        int last = rest.lastIndexOf('-');
        return last < 0 ? rest : rest.substring(0, last);
    }

    public boolean matches(String idOrTag) {
        return id.equalsIgnoreCase(idOrTag) || tags.contains(idOrTag.toLowerCase()) || area.equalsIgnoreCase(idOrTag);
    }

    /** Builds a test; {@link #run(TestBody)} finishes it. */
    public static final class Builder {
        private final String id;
        private final String title;
        private Profile profile = Profile.CORE;
        private final Set<String> tags = new LinkedHashSet<>();
        private String pointer;
        private String clause = "";
        private String description = "";
        private final Set<String> locks = new LinkedHashSet<>();
        private final Map<String, Integer> regs = new LinkedHashMap<>();
        private boolean slow;
        private boolean last;

        Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder full() {
            profile = Profile.FULL;
            return this;
        }

        public Builder tags(String... t) {
            for (String s : t) {
                tags.add(s.toLowerCase());
            }
            return this;
        }

        /** The JSON pointer into byon.yaml, e.g. {@code #/paths/~1channels/post/responses/201}. */
        public Builder spec(String jsonPointer) {
            pointer = jsonPointer;
            return this;
        }

        /** An external clause, e.g. {@code RFC 6750 3.1}. */
        public Builder clause(String c) {
            clause = c;
            return this;
        }

        public Builder describe(String d) {
            description = d;
            return this;
        }

        public Builder lock(String... names) {
            locks.addAll(List.of(names));
            return this;
        }

        /** Registrations the test creates at most for a subscriber role at the same time. */
        public Builder regs(String role, int n) {
            regs.merge(role, n, Integer::sum);
            return this;
        }

        public Builder slow() {
            slow = true;
            return this;
        }

        public Builder last() {
            last = true;
            return this;
        }

        public ConformanceTest run(TestBody body) {
            if (pointer == null) {
                throw new IllegalStateException(id + " has no requirement pointer");
            }
            tags.add(areaOf(id).toLowerCase());
            tags.add(profile.label());
            return new ConformanceTest(id, areaOf(id), title, profile, Set.copyOf(tags), pointer, clause, description,
                    Set.copyOf(locks), Map.copyOf(regs), slow, last, body);
        }
    }
}
