package org.byon.conformance.tests;

import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Profile;
import org.byon.conformance.engine.Runner;
import org.byon.conformance.http.Contract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueTest {
    @Test
    void everyRequirementPointerNamesANodeOfByonYaml() {
        Contract c = Contract.embedded("/byon/v0.2");
        for (ConformanceTest t : Catalogue.all()) {
            assertThat(c.hasPointer(t.pointer())).as(t.id() + " -> " + t.pointer()).isTrue();
        }
    }

    @Test
    void idsAreStableAndEveryAreaIsCovered() {
        Map<String, Long> perArea = Catalogue.all().stream().collect(Collectors.groupingBy(ConformanceTest::area, Collectors.counting()));
        assertThat(perArea.keySet()).containsExactlyInAnyOrder("AUTH", "CHAN", "RACM", "CALL-OUT", "CALL-IN", "EVT", "ERR", "SEC");
        assertThat(Catalogue.byId("BYON-CALL-IN-002")).isPresent();
        assertThat(Catalogue.all()).allSatisfy(t -> assertThat(t.title()).isNotBlank());
    }

    @Test
    void coreIsASubsetOfFullAndFiltersWork() {
        List<ConformanceTest> core = Runner.plan(Catalogue.all(), Profile.CORE, List.of(), List.of());
        List<ConformanceTest> full = Runner.plan(Catalogue.all(), Profile.FULL, List.of(), List.of());
        assertThat(full).containsAll(core).hasSizeGreaterThan(core.size());
        assertThat(Runner.plan(Catalogue.all(), Profile.FULL, List.of("BYON-AUTH-002"), List.of())).extracting(ConformanceTest::id).containsExactly("BYON-AUTH-002");
        assertThat(Runner.plan(Catalogue.all(), Profile.FULL, List.of("bola"), List.of("BYON-SEC-003"))).extracting(ConformanceTest::id)
                .containsExactly("BYON-SEC-001", "BYON-SEC-002", "BYON-SEC-004", "BYON-SEC-005", "BYON-SEC-006");
        assertThat(Runner.plan(Catalogue.all(), Profile.FULL, List.of("CALL-IN"), List.of())).allSatisfy(t -> assertThat(t.area()).isEqualTo("CALL-IN"));
    }
}
