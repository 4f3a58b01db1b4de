/**
 * The one JSON codec (Jackson 2.15) and the schema version of every JSON document the library writes; the
 * JSON Schemas of those documents are shipped as resources beside it.
 */
package io.github.erroranalysis.json;
