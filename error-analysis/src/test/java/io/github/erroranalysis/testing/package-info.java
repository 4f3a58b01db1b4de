/** Test helpers shared with the other modules' tests through the core's test jar (JSON Schema validation). */
package io.github.erroranalysis.testing;
