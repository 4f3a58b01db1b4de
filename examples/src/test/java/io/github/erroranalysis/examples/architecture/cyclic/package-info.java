/**
 * Three packages, two of which import each other (a cycle) and one that only imports (no cycle), so that
 * ArchitectureRulesTest can show the cycle rule fails on the cycle alone. Never part of the real import.
 */
package io.github.erroranalysis.examples.architecture.cyclic;
