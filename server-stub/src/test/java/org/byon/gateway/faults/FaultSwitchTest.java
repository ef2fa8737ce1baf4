package org.byon.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class FaultSwitchTest {

    @Test
    void faultsNamedAtStartAreOnAndOthersOff() {
        FaultSwitch s = new FaultSwitch(" no-correlator-echo , event-sequence-gap", false);
        assertThat(s.on(Fault.NO_CORRELATOR_ECHO)).isTrue();
        assertThat(s.on(Fault.EVENT_SEQUENCE_GAP)).isTrue();
        assertThat(s.on(Fault.BOLA_LEAK)).isFalse();
        assertThat(s.names()).containsExactlyInAnyOrder("no-correlator-echo", "event-sequence-gap");
    }

    @Test
    void noFaultsByDefault() {
        FaultSwitch s = new FaultSwitch("", false);
        assertThat(s.anyOn()).isFalse();
        for (Fault f : Fault.values()) {
            assertThat(s.on(f)).isFalse();
        }
    }

    @Test
    void anUnknownNameStopsTheStart() {
        assertThatThrownBy(() -> new FaultSwitch("no-such-fault", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-fault");
    }

    @Test
    void runtimeSwitchingNeedsRuntimeControl() {
        assertThatThrownBy(() -> new FaultSwitch("", false).set(List.of("bola-leak")))
                .isInstanceOf(IllegalStateException.class);
        FaultSwitch s = new FaultSwitch("", true);
        s.set(List.of("bola-leak"));
        assertThat(s.on(Fault.BOLA_LEAK)).isTrue();
        s.set(List.of());
        assertThat(s.anyOn()).isFalse();
    }

    @Test
    void atLeastFifteenDistinctFaultsExist() {
        assertThat(Fault.values()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(List.of(Fault.values()).stream().map(Fault::externalName).distinct()).hasSize(Fault.values().length);
    }
}
