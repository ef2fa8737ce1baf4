package org.byon.bench;

import java.util.Map;
import java.util.LinkedHashMap;

import org.HdrHistogram.Histogram;

/** Latency histograms in nanoseconds (HdrHistogram, 3 significant digits), reported in milliseconds. */
final class Stats {
    private Stats() {
    }

    static Histogram histogram() {
        return new Histogram(Math.max(2, java.util.concurrent.TimeUnit.SECONDS.toNanos(120)), 3);
    }

    static double ms(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond precision
    }

    static Map<String, Object> summary(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return m;
        }
        m.put("p50_ms", ms(h.getValueAtPercentile(50)));
        m.put("p90_ms", ms(h.getValueAtPercentile(90)));
        m.put("p99_ms", ms(h.getValueAtPercentile(99)));
        m.put("max_ms", ms(h.getMaxValue()));
        m.put("mean_ms", ms(h.getMean()));
        return m;
    }
}
