/**
 * A user's program, outside the library's packages so that only public members are reachable: it adds a metric and a
 * report section through the extension contract and checks all three renderings.
 */
package com.example.extension;
