/**
 * Helpers shared by this library's own packages (number formatting for people and for JSON). Not part of the API:
 * anything here may change in any release.
 */
package io.github.erroranalysis.internal;
