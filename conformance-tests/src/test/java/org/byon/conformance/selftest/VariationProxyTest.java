package org.byon.conformance.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VariationProxyTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theVariationsKeepTheMeaningButChangeTheText() throws Exception {
        String in = "{\"channelType\":\"WebSocket\",\"channelData\":{\"channelURL\":\"ws://h/a\"},\"ok\":false,\"n\":[1,{\"a\":\"\\\"a/\"}]}";
        String out = VariationProxy.vary(in);
        assertThat(out).contains("\\/").contains("\\u0061").doesNotContain("\"channelType\":\"WebSocket\"").contains("false");
        var tree = JSON.readTree(out);
        assertThat(tree.path("channelData").path("channelURL").asText()).isEqualTo("ws://h/a");
        assertThat(tree.path("n").get(1).path("a").asText()).isEqualTo("\"a/");
        assertThat(tree.path(VariationProxy.EXTRA_PROPERTY).isTextual()).isTrue();
        assertThat(tree.fieldNames().next()).isEqualTo(VariationProxy.EXTRA_PROPERTY);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove(VariationProxy.EXTRA_PROPERTY);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("channelData")).remove(VariationProxy.EXTRA_PROPERTY);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("n").get(1)).remove(VariationProxy.EXTRA_PROPERTY);
        assertThat(tree).isEqualTo(JSON.readTree(in));
    }
}
