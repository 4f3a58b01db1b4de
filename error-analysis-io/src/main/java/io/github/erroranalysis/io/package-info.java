/**
 * Reading and writing files so that a user's data is never lost and a bad file is always named:
 * {@link io.github.erroranalysis.io.AtomicFiles} writes one file atomically and forced to disk,
 * {@link io.github.erroranalysis.io.OutputFolders} replaces a whole output folder only when this library wrote it, in
 * a way that survives {@code kill -9}; {@link io.github.erroranalysis.io.Utf8Text} decodes strict UTF-8 naming the
 * file, line and offset of a bad byte, {@link io.github.erroranalysis.io.ClassLists} is the one rule for class-name
 * files, and {@link io.github.erroranalysis.io.Messages} words failures on one line. The one implementation for every
 * module.
 */
package io.github.erroranalysis.io;
