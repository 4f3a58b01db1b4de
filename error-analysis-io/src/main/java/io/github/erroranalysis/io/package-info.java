/**
 * Writing files so that a user's data is never lost: {@link io.github.erroranalysis.io.AtomicFiles} writes one file
 * atomically and forced to disk, {@link io.github.erroranalysis.io.OutputFolders} replaces a whole output folder only
 * when this library wrote it, in a way that survives {@code kill -9}. The one implementation for every module.
 */
package io.github.erroranalysis.io;
