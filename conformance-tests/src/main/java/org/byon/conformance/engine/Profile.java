package org.byon.conformance.engine;

import java.util.Locale;

/** Test profiles: {@code core} is a subset of {@code full}. */
public enum Profile {
    CORE, FULL;

    public static Profile parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile '" + s + "' (use core or full)");
        }
    }

    /** True when a test of profile {@code test} runs in this profile. */
    public boolean includes(Profile test) {
        return this == FULL || test == CORE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
