package org.byon.conformance.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the CloudEvents {@code sequence} extension of one channel: integers, starting at the
 * expected first value, increasing by exactly 1 (a repeated value is a redelivery and allowed only
 * when {@code allowRepeats}).
 */
public final class SequenceChecker {
    private SequenceChecker() {
    }

    /**
     * @param sequences the values in arrival order; null entries mean the attribute was missing or not an integer
     * @param first     the value the first event must carry (1 for a fresh channel, N+1 after replay from N)
     * @return the problems found, empty when gap-free
     */
    public static List<String> check(List<Long> sequences, long first, boolean allowRepeats) {
        List<String> problems = new ArrayList<>();
        long expected = first;
        for (int i = 0; i < sequences.size(); i++) {
            Long s = sequences.get(i);
            if (s == null) {
                problems.add("event #" + (i + 1) + " has no integer 'sequence'");
                continue;
            }
            if (s == expected) {
                expected++;
            } else if (s < expected) {
                if (!(allowRepeats && s >= first)) {
                    problems.add("event #" + (i + 1) + " has sequence " + s + " after " + (expected - 1) + " (not increasing)");
                }
            } else {
                problems.add("gap: expected sequence " + expected + " but event #" + (i + 1) + " has " + s);
                expected = s + 1;
            }
        }
        return problems;
    }
}
