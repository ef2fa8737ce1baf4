package org.byon.conformance.engine;

/** One failed check: what was checked, what was expected, what was seen, and where to reproduce it. */
public record Failure(String check, String expected, String actual, String curl) {
}
