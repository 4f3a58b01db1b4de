/**
 * Reads real CIFAR-10 from the official binary archive (a {@code cifar-10-batches-bin} folder or the
 * {@code .tar.gz} itself) and from image folders, splits fair piles, and feeds them to ND4J.
 *
 * <p>Images are kept compactly as bytes; every example keeps its {@link io.github.erroranalysis.cifar.data.Origin}
 * (batch file and record number) so that a mistake found later leads back to the exact image. Start with
 * {@link io.github.erroranalysis.cifar.data.Cifar10#open(java.nio.file.Path)}.
 */
package io.github.erroranalysis.cifar.data;
