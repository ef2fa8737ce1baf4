package org.byon.conformance.ws;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceCheckerTest {
    @Test
    void aGapFreeSequenceFromOneHasNoProblems() {
        assertThat(SequenceChecker.check(List.of(1L, 2L, 3L, 4L), 1, false)).isEmpty();
    }

    @Test
    void aGapIsReportedWithTheMissingValue() {
        assertThat(SequenceChecker.check(List.of(1L, 2L, 4L), 1, false)).containsExactly("gap: expected sequence 3 but event #3 has 4");
    }

    @Test
    void notStartingAtTheExpectedFirstValueIsAGap() {
        assertThat(SequenceChecker.check(List.of(2L, 3L), 1, false)).hasSize(1);
        assertThat(SequenceChecker.check(List.of(6L, 7L), 6, false)).isEmpty();
    }

    @Test
    void repeatsAreRedeliveriesOnlyWhenAllowed() {
        assertThat(SequenceChecker.check(List.of(1L, 2L, 2L, 3L), 1, true)).isEmpty();
        assertThat(SequenceChecker.check(List.of(1L, 2L, 2L, 3L), 1, false)).hasSize(1);
        assertThat(SequenceChecker.check(List.of(1L, 3L, 2L), 1, false)).hasSize(2);
    }

    @Test
    void aMissingSequenceIsReported() {
        assertThat(SequenceChecker.check(Arrays.asList(1L, null, 2L), 1, false)).containsExactly("event #2 has no integer 'sequence'");
    }
}
