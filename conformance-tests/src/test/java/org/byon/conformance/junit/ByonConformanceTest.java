package org.byon.conformance.junit;

/**
 * Runs the catalogue from Maven against any gateway; skipped unless a config is given:
 * {@code mvn -o -pl conformance-tests test -Dtest=ByonConformanceTest -Dbyon.conformance.config=FILE
 * [-Dbyon.conformance.profile=core|full] [-Dbyon.conformance.apiRoot=URL]}. Reports land in
 * {@code target/surefire-reports} with one test per id.
 */
class ByonConformanceTest extends ByonConformance {
}
