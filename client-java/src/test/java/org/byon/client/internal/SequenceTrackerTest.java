package org.byon.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    @Test
    void contiguousSequencesAreAcceptedWithoutGap() {
        SequenceTracker t = new SequenceTracker();
        for (long s = 1; s <= 5; s++) {
            SequenceTracker.Verdict v = t.accept(s);
            assertThat(v.duplicate()).isFalse();
            assertThat(v.gap()).isFalse();
        }
        assertThat(t.last()).isEqualTo(5);
    }

    @Test
    void replayedSequencesAreDuplicates() {
        SequenceTracker t = new SequenceTracker();
        t.accept(1);
        t.accept(2);
        t.accept(3);

        assertThat(t.accept(2).duplicate()).isTrue();
        assertThat(t.accept(3).duplicate()).isTrue();
        assertThat(t.accept(4).duplicate()).isFalse();
        assertThat(t.last()).isEqualTo(4);
    }

    @Test
    void skippedSequencesAreAGapWithTheExpectedNumber() {
        SequenceTracker t = new SequenceTracker();
        t.accept(1);

        SequenceTracker.Verdict v = t.accept(4);

        assertThat(v.gap()).isTrue();
        assertThat(v.expected()).isEqualTo(2);
        assertThat(t.last()).isEqualTo(4);
    }

    @Test
    void firstEventAfterOneIsAGap() {
        assertThat(new SequenceTracker().accept(3).gap()).isTrue();
    }

    @Test
    void eventsWithoutSequencePassThrough() {
        SequenceTracker t = new SequenceTracker();
        t.accept(2);
        SequenceTracker.Verdict v = t.accept(-1);
        assertThat(v.duplicate()).isFalse();
        assertThat(v.gap()).isFalse();
        assertThat(t.last()).isEqualTo(2);
    }
}
