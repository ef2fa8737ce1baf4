package org.byon.client.internal;

/**
 * Tracks the {@code sequence} extension of one channel: drops repeats, reports gaps. Events without
 * a sequence are passed through. Thread-safe.
 */
public final class SequenceTracker {

    /**
     * @param duplicate whether the event was seen already and must be dropped
     * @param gap       whether events are missing before this one
     * @param expected  the sequence that should have come (meaningful when {@code gap})
     */
    public record Verdict(boolean duplicate, boolean gap, long expected) {
    }

    private long last;

    public SequenceTracker() {
        this(0);
    }

    /** @param last the sequence already seen (resume after it) */
    public SequenceTracker(long last) {
        this.last = Math.max(0, last);
    }

    /** @return the last sequence accepted, 0 before the first */
    public synchronized long last() {
        return last;
    }

    /** @param sequence the received sequence, or a value below 1 when the event had none */
    public synchronized Verdict accept(long sequence) {
        if (sequence < 1) {
            return new Verdict(false, false, last + 1);
        }
        if (sequence <= last) {
            return new Verdict(true, false, last + 1);
        }
        long expected = last + 1;
        last = sequence;
        return new Verdict(false, sequence != expected, expected);
    }
}
