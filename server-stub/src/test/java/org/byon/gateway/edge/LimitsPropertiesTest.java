package org.byon.gateway.edge;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.byon.openapi.ByonContract;
import org.junit.jupiter.api.Test;

/** The channel cap is what bounds the channel list, so it may not exceed the list's maxItems in byon.yaml. */
class LimitsPropertiesTest {
    private final ByonContract contract = ByonContract.load();
    private final int listMax = contract.tree().at("/components/schemas/NotificationChannelList/maxItems").asInt();

    @Test
    void aCapUpToTheContractsListMaximumIsAccepted() {
        assertThatCode(() -> LimitsProperties.checkChannelCap(1, contract)).doesNotThrowAnyException();
        assertThatCode(() -> LimitsProperties.checkChannelCap(listMax, contract)).doesNotThrowAnyException();
    }

    @Test
    void aCapAboveTheListMaximumOrBelowOneStopsTheStart() {
        assertThatThrownBy(() -> LimitsProperties.checkChannelCap(listMax + 1, contract))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-channels-per-subscriber");
        assertThatThrownBy(() -> LimitsProperties.checkChannelCap(0, contract))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
