package org.byon.conformance.engine;

import java.util.ArrayList;
import java.util.List;

/** Run-wide record of contract violations seen anywhere (HTTP responses or events), for the run-wide tests. Thread-safe. */
public final class Ledger {
    /** One violating response or event. */
    public record Entry(String testId, String what, List<String> violations) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(String testId, String what, List<String> violations) {
        if (!violations.isEmpty()) {
            entries.add(new Entry(testId, what, List.copyOf(violations)));
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
