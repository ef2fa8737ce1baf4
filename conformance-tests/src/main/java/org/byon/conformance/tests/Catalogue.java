package org.byon.conformance.tests;

import org.byon.conformance.engine.ConformanceTest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every test of the suite, in a stable order (area, then id). */
public final class Catalogue {
    private static final List<ConformanceTest> ALL = build();

    private Catalogue() {
    }

    public static List<ConformanceTest> all() {
        return ALL;
    }

    public static Optional<ConformanceTest> byId(String id) {
        return ALL.stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
    }

    private static List<ConformanceTest> build() {
        List<ConformanceTest> out = new ArrayList<>();
        out.addAll(AuthTests.tests());
        out.addAll(ChannelTests.tests());
        out.addAll(RacmTests.tests());
        out.addAll(CallOutTests.tests());
        out.addAll(CallInTests.tests());
        out.addAll(EventTests.tests());
        out.addAll(ErrorTests.tests());
        out.addAll(SecurityTests.tests());
        out.addAll(ExpiryAndPushTests.tests());
        out.addAll(DisconnectGraceTests.tests());
        out.addAll(LimitTests.tests());
        out.addAll(EndingTests.tests());
        out.addAll(StatementTests.tests());
        List<String> areas = out.stream().map(ConformanceTest::area).distinct().toList();
        out.sort(java.util.Comparator.comparing((ConformanceTest t) -> areas.indexOf(t.area())).thenComparing(ConformanceTest::id));
        Set<String> ids = new HashSet<>();
        for (ConformanceTest t : out) {
            if (!ids.add(t.id())) {
                throw new IllegalStateException("duplicate test id " + t.id());
            }
            if (!t.id().matches("BYON-(AUTH|CHAN|RACM|CALL-OUT|CALL-IN|EVT|ERR|SEC)-\\d{3}")) {
                throw new IllegalStateException("malformed test id " + t.id());
            }
        }
        return List.copyOf(out);
    }
}
