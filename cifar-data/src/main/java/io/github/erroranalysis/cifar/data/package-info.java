/**
 * Reads real CIFAR-10 from the official binary archive (a {@code cifar-10-batches-bin} folder or the
 * {@code .tar.gz} itself) and from image folders, splits fair piles, feeds them to ND4J, writes subsets back to the
 * binary layout, and downloads the official archive.
 *
 * <p>Images are kept compactly as bytes; every example keeps its {@link io.github.erroranalysis.cifar.data.Origin}
 * (batch file and record number, or an image's relative path) so that a mistake found later leads back to the exact
 * image. Start with {@link io.github.erroranalysis.cifar.data.Cifar10#open(java.nio.file.Path)}; bring your own
 * photos with {@link io.github.erroranalysis.cifar.data.ImageFolder} and
 * {@link io.github.erroranalysis.cifar.data.CifarImages}; write subsets with
 * {@link io.github.erroranalysis.cifar.data.CifarWriter}; fetch the official archive with
 * {@link io.github.erroranalysis.cifar.data.CifarDownloader}.
 */
package io.github.erroranalysis.cifar.data;
